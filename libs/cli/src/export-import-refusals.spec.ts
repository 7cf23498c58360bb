import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import type { StoredEvent } from '@ledger/event-store';
import { exportEvents } from './events-export.subcommand';
import { captureIo, openStore, readAllOf, seed, tempDir } from './testing/cli-fixtures';
import { runLedger as run } from './testing/run-ledger';

const COUNT = 1200; // an export of it is more than one 64 KiB block of output

/** An output that takes its first `blocks` writes, then fails as a full disk does. */
class FillingOutput extends Writable {
  taken = '';
  constructor(private blocks: number) {
    super();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.blocks <= 0)
      return callback(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }));
    this.blocks -= 1;
    this.taken += chunk.toString();
    callback();
  }
}

describe('what events export and events import refuse, and what they say then', () => {
  const tmp = tempDir();
  const source = tmp.path('source.db');
  const whole = tmp.path('whole.ndjson');
  let all: StoredEvent[];

  beforeAll(async () => {
    const store = openStore(source);
    await seed(store, COUNT);
    all = await readAllOf(store);
    await store.close();
    expect((await run(['events', 'export', '--db', source, '--out', whole])).code).toBe(0);
  });
  afterAll(() => tmp.cleanup());

  /** The files of the temp folder that are not the source ledger's or the exports'. */
  const created = () => readdirSync(tmp.dir).filter((f) => !/^source\.db|\.ndjson$/.test(f));

  describe('events export: the resume advice names only what was written', () => {
    it('an --out it cannot write: nothing was written, and no --from to resume with', async () => {
      const out = tmp.path('no-such-folder/x.ndjson');
      const res = await run(['events', 'export', '--db', source, '--out', out]);
      expect(res.code).toBe(1);
      expect(res.err).toBe(
        `ledger: --out ${out} cannot be written: there is no folder ${tmp.path('no-such-folder')}; nothing was exported [unwritable-output]\n`,
      );
      expect(res.err).not.toMatch(/--from|resume/);
    });

    it('an output that fails part-way: the last position it took, where the reading had gone further', async () => {
      const output = new FillingOutput(1);
      const { io, err } = captureIo();
      io.stdout = output;
      const store = openStore(source);
      try {
        await expect(exportEvents(store, {}, io)).rejects.toMatchObject({ code: 'ENOSPC' });
      } finally {
        await store.close();
      }
      const taken = output.taken.split('\n').slice(0, -1);
      expect(taken.length).toBeGreaterThan(0);
      expect(taken.length).toBeLessThan(COUNT);
      const last = (JSON.parse(taken[taken.length - 1]) as StoredEvent).position;
      expect(err.text()).toBe(
        `export stopped after ${taken.length} events written to the output, last position ${last}; resume with --from ${last}\n`,
      );
    });

    it('an output that fails at its first write: nothing was written, and no --from', async () => {
      const output = new FillingOutput(0);
      const { io, err } = captureIo();
      io.stdout = output;
      const store = openStore(source);
      try {
        await expect(exportEvents(store, { from: 10 }, io)).rejects.toMatchObject({ code: 'ENOSPC' });
      } finally {
        await store.close();
      }
      expect([output.taken, err.text()]).toEqual(['', 'export stopped: nothing was written to the output\n']);
    });

    it('--append without --out is refused, not ignored', async () => {
      const res = await run(['events', 'export', '--db', source, '--append', '--from', '10']);
      expect([res.code, res.out]).toEqual([1, '']);
      expect(res.err).toBe(
        'ledger: --append adds to the file named by --out, and no --out was given: nothing was exported. ' +
          'To resume an export into its file: --out <file> --append --from <last position> [append-without-out]\n',
      );
    });

    it.each([
      ['export', '--from', 'abc', 'Not an integer >= 0.'],
      ['import', '--chunk-size', 'abc', 'Not an integer >= 1.'],
      ['import', '--chunk-size', '0', 'Not an integer >= 1.'],
    ])('events %s %s %s states the rule it broke', async (command, flag, value, rule) => {
      const args = command === 'import' ? [whole] : [];
      const res = await run(['events', command, ...args, flag, value, '--db', tmp.path('never.db')]);
      expect(res.code).toBe(1);
      expect(res.err).toContain(`argument '${value}' is invalid. ${rule}`);
      expect(created()).toEqual([]);
    });
  });

  describe('events import creates nothing when it can import nothing', () => {
    it.each<[string, string | null, RegExp]>([
      ['no such file', null, /cannot be read: there is no such file; .* \[unreadable-file\]/],
      ['an empty file', '', /holds no event \(it is empty\): .* \[nothing-to-import\]/],
      ['blank lines only', '\n  \n\n', /holds no event \(3 blank line\(s\)\): .* \[nothing-to-import\]/],
      [
        'no event on its first line',
        '\nnot json\n',
        /import stopped at line 2: not valid JSON \(.*\); .* \[malformed-line\]/,
      ],
    ])('%s: refused, no ledger file created', async (_what, content, says) => {
      const file = tmp.path('input.ndjson');
      if (content !== null) writeFileSync(file, content);
      const db = tmp.path('new.db');
      const res = await run([
        'events',
        'import',
        content === null ? tmp.path('nope.ndjson') : file,
        '--db',
        db,
      ]);
      expect(res.code).toBe(1);
      expect(res.err).toMatch(says);
      expect(res.err).toContain('nothing was imported, and no ledger was opened or created');
      expect(existsSync(db)).toBe(false);
      expect(created()).toEqual([]);
    });

    it('nothing on stdin: refused, no ledger file created', async () => {
      const db = tmp.path('from-stdin.db');
      const res = await run(['events', 'import', '-', '--db', db]);
      expect(res.code).toBe(1);
      expect(res.err).toMatch(/The input \(stdin\) holds no event/);
      expect(existsSync(db)).toBe(false);
    });
  });

  describe('events import of a partial export', () => {
    const partial = (name: string) => tmp.path(`${name}.ndjson`);

    beforeAll(async () => {
      for (const [name, ...filter] of [
        ['proposals', '--stream-prefix', 'proposal-'],
        ['from-50', '--from', '50'],
      ])
        expect(
          (await run(['events', 'export', '--db', source, '--out', partial(name), ...filter])).code,
        ).toBe(0);
    });

    it.each([
      ['proposals', 'a --stream-prefix export', 2],
      ['from-50', 'a --from export', 51],
    ])(
      '%s (%s) does not start an empty ledger: refused, naming its first position',
      async (name, _what, first) => {
        expect(JSON.parse(readFileSync(partial(name), 'utf8').split('\n')[0]).position).toBe(first);
        const says =
          `ledger: ${partial(name)} is a partial export: its first event (line 1) is at position ${first}, not 1. ` +
          'Imported into an empty ledger, its events would be numbered from 1 and refer to records it does not hold';

        const missing = tmp.path(`${name}.db`);
        const refused = await run(['events', 'import', partial(name), '--db', missing]);
        expect(refused.code).toBe(1);
        expect(refused.err).toContain(says);
        expect(refused.err).toContain('export the whole of it (ledger events export --out <file>');
        expect(refused.err).toContain('--any-first-position');
        expect(existsSync(missing)).toBe(false);

        const empty = tmp.path(`${name}-empty.db`);
        await openStore(empty).close();
        const intoEmpty = await run(['events', 'import', partial(name), '--db', empty]);
        expect([intoEmpty.code, intoEmpty.err]).toEqual([1, expect.stringContaining(says)]);
        const store = openStore(empty);
        expect(await store.head()).toBe(0);
        await store.close();
      },
    );

    it('carries on a ledger that holds the events before it, as a resumed export does', async () => {
      const db = tmp.path('carried-on.db');
      const head = tmp.path('first-50.ndjson');
      writeFileSync(head, readFileSync(whole, 'utf8').split('\n').slice(0, 50).join('\n'));
      expect((await run(['events', 'import', head, '--db', db])).code).toBe(0);
      const rest = await run(['events', 'import', partial('from-50'), '--db', db]);
      expect([rest.code, rest.err]).toEqual([
        0,
        `imported ${COUNT - 50} events, skipped 0 already present (${COUNT - 50} lines)\n`,
      ]);
      const store = openStore(db);
      expect(await readAllOf(store)).toEqual(all);
      await store.close();
    });

    it('goes in with --any-first-position, for a whole export whose positions do not start at 1', async () => {
      const db = tmp.path('taken-anyway.db');
      const res = await run(['events', 'import', partial('proposals'), '--db', db, '--any-first-position']);
      expect(res.code).toBe(0);
      const store = openStore(db);
      const imported = await readAllOf(store);
      await store.close();
      expect(imported.map((e) => e.hash)).toEqual(
        all.filter((e) => e.stream.startsWith('proposal-')).map((e) => e.hash),
      );
    });
  });
});
