import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '@ledger/event-store/testing';

const ROOT = resolve(__dirname, '../..');

interface Step {
  command: string;
  /** What the README says the command prints (`# → …`), when it says. */
  expected?: string;
}

/** The `sh` blocks of the README's "A first session", as steps: commands, with the answer shown under each. */
export function firstSessionBlocks(readme: string): Step[][] {
  const section = readme.slice(readme.indexOf('## A first session'));
  const body = section.slice(0, section.indexOf('\n## ', 5));
  return [...body.matchAll(/```sh\n([\s\S]*?)```/g)].map(([, block]) => {
    const steps: Step[] = [];
    for (const line of block.replace(/\\\n\s*/g, '').split('\n')) {
      if (line.startsWith('# → ')) steps[steps.length - 1].expected = line.slice('# → '.length);
      else if (line.trim() !== '' && !line.startsWith('#')) steps.push({ command: line });
    }
    return steps;
  });
}

/**
 * The README's first session, followed line by line in a fresh clone of the committed tree, in
 * bash: the first block in a "first terminal" (the server, in the background), the second in a
 * "second terminal" (one bash session, so $TOKEN and $POSITION carry over), each printed answer
 * compared with the `# →` line under it. Two departures, both forced by the machine it runs on:
 * `npm install` is replaced by a link to the installed node_modules (the install is shared), and
 * port 3000 by a free port (another service may hold 3000).
 */
describe("the README's first session, in a fresh clone", () => {
  let dir: string;
  let clone: string;
  let server: ChildProcess | undefined;
  let serverLog = '';

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-readme-'));
    clone = join(dir, 'governance-ledger');
    execFileSync('git', ['clone', '--quiet', '--no-checkout', ROOT, clone]);
    execFileSync('git', [
      '-C',
      clone,
      'checkout',
      '--quiet',
      execFileSync('git', ['-C', ROOT, 'rev-parse', 'HEAD']).toString().trim(),
    ]);
  });
  afterAll(async () => {
    if (server?.pid && server.exitCode === null) {
      const exited = new Promise((done) => server!.once('exit', done));
      process.kill(-server.pid, 'SIGTERM'); // the process group this test started: npm, sh and node
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'runs as written and prints what it says',
    async () => {
      const readme = readFileSync(join(clone, 'README.md'), 'utf8');
      const [first, second] = firstSessionBlocks(readme);
      expect(first.map((s) => s.command)).toEqual(['npm install', 'npm start']);
      const port = await freePort();
      const local = (text: string) => text.replaceAll('localhost:3000', `localhost:${port}`);
      const env: NodeJS.ProcessEnv = {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        LANG: 'C.UTF-8',
        PORT: String(port),
      };

      // First terminal: `npm install` (the shared install, linked), then `npm start` in the background.
      symlinkSync(realpathSync(join(ROOT, 'node_modules')), join(clone, 'node_modules'));
      server = spawn('bash', ['-c', first[1].command], {
        cwd: clone,
        env,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      server.stdout?.on('data', (chunk) => (serverLog += chunk));
      server.stderr?.on('data', (chunk) => (serverLog += chunk));
      // `…` stands for what varies (the time, the LAN addresses): the rest must be printed, in order.
      const fragments = local(first[1].expected!)
        .split('…')
        .map((f) => f.trim())
        .filter(Boolean);
      const said = () =>
        fragments.every(
          (f, i) => serverLog.indexOf(f) > (i === 0 ? -1 : serverLog.indexOf(fragments[i - 1])),
        );
      for (let waited = 0; !said(); waited += 500) {
        if (waited > 8 * 60_000 || server.exitCode !== null)
          throw new Error(`the server did not say "${fragments.join(' … ')}":\n${serverLog}`);
        await new Promise((done) => setTimeout(done, 500));
      }

      // Second terminal: one bash session, a marker after each line to cut its output out.
      const marker = (i: number) => `@@step-${i}@@`;
      const script = [
        'set -o pipefail',
        ...second.flatMap((step, i) => [local(step.command), `echo "${marker(i)} $?"`]),
      ].join('\n');
      writeFileSync(join(dir, 'second-terminal.sh'), script);
      const output = execFileSync('bash', [join(dir, 'second-terminal.sh')], {
        cwd: clone,
        env,
        timeout: 8 * 60_000,
        maxBuffer: 16 * 1024 * 1024,
      }).toString();
      let rest = output;
      for (const [i, step] of second.entries()) {
        const at = rest.indexOf(marker(i));
        const printed = rest.slice(0, at).trim();
        const status = Number(rest.slice(at + marker(i).length).split('\n')[0]);
        rest = rest.slice(rest.indexOf('\n', at) + 1);
        expect({ command: step.command, status }).toEqual({ command: step.command, status: 0 });
        if (step.expected !== undefined)
          expect({ command: step.command, printed }).toEqual({
            command: step.command,
            printed: local(step.expected),
          });
      }
    },
    20 * 60_000,
  ); // two first builds (webpack) on a shared machine
});
