import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const ROOT = join(__dirname, '../../..');

export interface CliRebuild {
  seconds: number;
  /** The kernel's high-water mark of the process's resident memory (VmHWM), bytes. */
  peakRss: number;
  /** The peak of `projections status` run first: it catches up the Merkle log and builds the first read models. */
  statusPeakRss: number;
}

/** Resident memory now and at its peak, from /proc (Linux): what the kernel says the process holds. */
function residentOf(pid: number): { hwm: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { hwm: kib('VmHWM') * 1024 };
  } catch {
    return undefined; // it has exited
  }
}

function ledgerCommand(ledger: string, args: string[], flags: readonly string[]) {
  return spawn(process.execPath, [...flags, join(ROOT, 'dist/apps/ledger-cli/main.js'), ...args], {
    env: { ...process.env, LEDGER_DB_PATH: ledger, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/**
 * The rebuild as the product runs it: `ledger projections rebuild`, compiled (nest build, as
 * `npm run ledger` runs it), with the service's node flags, its peak resident memory read from
 * /proc. The in-process child of run.ts measures the rebuild itself, but its process also holds
 * the TypeScript loader (@swc-node/register: about 130 MiB before anything is read); this one
 * holds what the service holds. `projections status` runs first, so the Merkle log the bench's
 * generator left out is caught up (and the first read models built) before, not during, the
 * measured command, which then builds the next generation from scratch.
 */
export async function rebuildThroughCli(ledger: string, flags: readonly string[]): Promise<CliRebuild> {
  const built = spawnSync(process.execPath, [join(ROOT, 'scripts/build-if-stale.js'), 'ledger-cli'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (built.status !== 0) throw new Error('nest build ledger-cli failed');
  const status = await peakOf(ledger, ['projections', 'status'], flags);
  const rebuild = await peakOf(ledger, ['projections', 'rebuild'], flags);
  return { seconds: rebuild.seconds, peakRss: rebuild.peakRss, statusPeakRss: status.peakRss };
}

/** Runs a ledger command to its end, reading its high-water mark every 20 ms (it only grows). */
async function peakOf(ledger: string, args: string[], flags: readonly string[]) {
  const started = performance.now();
  const child = ledgerCommand(ledger, args, flags);
  let peakRss = 0;
  const poll = setInterval(() => {
    peakRss = Math.max(peakRss, residentOf(child.pid!)?.hwm ?? 0);
  }, 20);
  try {
    await exited(child, args.join(' '));
  } finally {
    clearInterval(poll);
  }
  return { seconds: (performance.now() - started) / 1000, peakRss };
}

function exited(child: ReturnType<typeof spawn>, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`ledger ${what} exited with ${String(code)}`)),
    );
  });
}
