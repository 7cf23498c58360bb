import { readFileSync, writeFileSync } from 'node:fs';
import type { SqliteEventStore, StoredEvent } from '@ledger/event-store';
import { Interrupted } from './errors';
import { exportEvents, type ExportOptions } from './events-export.subcommand';
import { ImportStopped, importEventsFrom } from './events-import.subcommand';
import { storeInfo } from './store-info.subcommand';
import { captureIo, openStore, readAllOf, seed, steppingClock, tempDir } from './testing/cli-fixtures';

const COUNT = 1200; // more than a read page (500) and more than an import chunk (500)

describe('ledger events export / import (real SQLite stores on temp files)', () => {
  const tmp = tempDir();
  let source: SqliteEventStore;
  let all: StoredEvent[];
  let exportFile: string;
  let exportLines: string[];
  const opened: SqliteEventStore[] = [];
  let fresh = 0;

  /** An empty ledger on its own file. */
  const emptyLedger = (): SqliteEventStore => {
    const store = openStore(tmp.path(`target-${(fresh += 1)}.db`));
    opened.push(store);
    return store;
  };

  beforeAll(async () => {
    source = openStore(tmp.path('source.db'), steppingClock());
    await seed(source, COUNT);
    all = await readAllOf(source);
    exportFile = tmp.path('all.ndjson');
    const { io, out, err } = captureIo();
    const summary = await exportEvents(source, { out: exportFile }, io);
    expect(summary).toEqual({ exported: COUNT, lastPosition: COUNT });
    expect(out.text()).toBe(''); // data went to the file
    expect(err.text()).toBe(
      `exported ${COUNT} events, last position ${COUNT}; resume with --from ${COUNT}\n`,
    );
    exportLines = readFileSync(exportFile, 'utf8').split('\n').slice(0, -1);
  });

  afterAll(async () => {
    await source.close();
    for (const store of opened) await store.close();
    tmp.cleanup();
  });

  it('writes one StoredEvent a line, in global order', () => {
    expect(exportLines).toHaveLength(COUNT);
    expect(exportLines.map((line) => JSON.parse(line))).toEqual(all);
    expect(all.map((e) => e.position)).toEqual(Array.from({ length: COUNT }, (_, i) => i + 1));
  });

  it('writes the same bytes to stdout as to --out', async () => {
    const { io, out } = captureIo();
    await exportEvents(source, {}, io);
    expect(out.text()).toBe(readFileSync(exportFile, 'utf8'));
  });

  it('export then import into a fresh ledger gives identical ids, hashes and recordedAt; a re-import skips all', async () => {
    const target = emptyLedger();
    const first = captureIo();
    expect(await importEventsFrom(target, exportFile, {}, first.io)).toEqual({
      imported: COUNT,
      skipped: 0,
      lines: COUNT,
    });
    expect(first.err.text()).toBe(`imported ${COUNT} events, skipped 0 already present (${COUNT} lines)\n`);
    expect(first.out.text()).toBe('');

    const restored = await readAllOf(target);
    expect(restored).toEqual(all); // ids, streams, revisions, data, metadata (recordedAt), prevHash, hash; positions too, as the target was empty
    expect(restored.map((e) => [e.id, e.hash, e.metadata.recordedAt])).toEqual(
      all.map((e) => [e.id, e.hash, e.metadata.recordedAt]),
    );

    const again = captureIo();
    expect(await importEventsFrom(target, exportFile, { chunkSize: 250 }, again.io)).toEqual({
      imported: 0,
      skipped: COUNT,
      lines: COUNT,
    });
    expect(again.err.text()).toMatch(`imported 0 events, skipped ${COUNT} already present`);
    expect(await target.head()).toBe(COUNT);
  });

  it('imports from stdin with -', async () => {
    const target = emptyLedger();
    const { io } = captureIo({ stdin: readFileSync(exportFile, 'utf8') });
    expect(await importEventsFrom(target, '-', {}, io)).toMatchObject({ imported: COUNT, skipped: 0 });
    expect((await readAllOf(target)).map((e) => e.hash)).toEqual(all.map((e) => e.hash));
  });

  it('--from starts after the given position', async () => {
    const { io, out, err } = captureIo();
    expect(await exportEvents(source, { from: 700 }, io)).toEqual({
      exported: COUNT - 700,
      lastPosition: COUNT,
    });
    expect(out.lines()).toEqual(exportLines.slice(700));
    expect(err.text()).toMatch(`last position ${COUNT}; resume with --from ${COUNT}`);

    const atHead = captureIo();
    expect(await exportEvents(source, { from: COUNT }, atHead.io)).toEqual({
      exported: 0,
      lastPosition: COUNT,
    });
    expect(atHead.out.text()).toBe('');
    expect(atHead.err.text()).toMatch(`exported 0 events after position ${COUNT}`);
  });

  it('an interrupted export resumes with the reported --from, into the same file, with no gap and no duplicate', async () => {
    const controller = new AbortController();
    const first = captureIo({ signal: controller.signal });
    first.out.onWrite = (text) => {
      if (text.length > 100_000) controller.abort(); // Ctrl-C somewhere in the middle
    };
    await expect(exportEvents(source, {}, first.io)).rejects.toBeInstanceOf(Interrupted);
    const written = first.out.lines();
    expect(written.length).toBeGreaterThan(0);
    expect(written.length).toBeLessThan(COUNT);
    const reported = /resume with --from (\d+)/.exec(first.err.text());
    expect(reported).not.toBeNull();
    const from = Number(reported![1]);
    expect(from).toBe(JSON.parse(written[written.length - 1]).position);

    const file = tmp.path('resumed.ndjson');
    writeFileSync(file, first.out.text());
    const second = captureIo();
    await exportEvents(source, { out: file, append: true, from }, second.io);
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(exportFile, 'utf8'));
  });

  it.each<[string, ExportOptions, (e: StoredEvent, middle: string) => boolean]>([
    [
      '--stream-prefix proposal-',
      { streamPrefix: ['proposal-'] },
      (e: StoredEvent) => e.stream.startsWith('proposal-'),
    ],
    [
      '--stream-prefix meeting- decision-1',
      { streamPrefix: ['meeting-', 'decision-1'] },
      (e: StoredEvent) => e.stream.startsWith('meeting-') || e.stream.startsWith('decision-1'),
    ],
    [
      '--types VoteCast DecisionRecorded',
      { types: ['VoteCast', 'DecisionRecorded'] },
      (e: StoredEvent) => e.type === 'VoteCast' || e.type === 'DecisionRecorded',
    ],
    [
      '--occurred-until 2023-04-01',
      { occurredUntil: '2023-04-01' },
      (e: StoredEvent) => e.metadata.occurredAt <= '2023-04-01T00:00:00.000Z',
    ],
    [
      '--recorded-until',
      { recordedUntil: 'MIDDLE' },
      (e: StoredEvent, middle: string) => e.metadata.recordedAt <= middle,
    ],
    [
      'all filters together, with --from',
      { from: 100, streamPrefix: ['proposal-'], types: ['VoteCast'], occurredUntil: '2023-09-30T12:00:00Z' },
      (e: StoredEvent) =>
        e.position > 100 &&
        e.stream.startsWith('proposal-') &&
        e.type === 'VoteCast' &&
        e.metadata.occurredAt <= '2023-09-30T12:00:00.000Z',
    ],
  ])('filters: %s', async (_name, filter, keep) => {
    const middle = all[Math.floor(COUNT / 2)].metadata.recordedAt;
    const options = { ...filter, ...(filter.recordedUntil === 'MIDDLE' ? { recordedUntil: middle } : {}) };
    const expected = all.filter((e) => keep(e, middle));
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(COUNT);
    const { io, out, err } = captureIo();
    const summary = await exportEvents(source, options, io);
    expect(out.lines().map((line) => JSON.parse(line))).toEqual(expected);
    expect(summary).toEqual({
      exported: expected.length,
      lastPosition: expected[expected.length - 1].position,
    });
    expect(err.text()).toMatch(`resume with --from ${expected[expected.length - 1].position}`);
  });

  it('refuses a bad filter before writing anything, naming the flag', async () => {
    const out = tmp.path('never.ndjson');
    const { io } = captureIo();
    await expect(exportEvents(source, { out, occurredUntil: 'last tuesday' }, io)).rejects.toMatchObject({
      code: 'invalid-read-option',
      message: expect.stringContaining('--occurred-until'),
    });
    expect(() => readFileSync(out)).toThrow(/ENOENT/);
  });

  /** Imports `lines` (joined as a file) into a fresh ledger; returns the error, the ledger and stderr. */
  async function importBroken(lines: string[], chunkSize = 500) {
    const file = tmp.path(`broken-${fresh + 1}.ndjson`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    const target = emptyLedger();
    const { io, err } = captureIo();
    const error = await importEventsFrom(target, file, { chunkSize }, io).then(
      () => null,
      (e: unknown) => e,
    );
    return { error: error as ImportStopped, target, stderr: err.text(), file };
  }

  it('a line that is not JSON stops the import with its number; the lines before it stay imported; a re-run completes it', async () => {
    const lines = [...exportLines];
    lines[732] = '{"id": "cut off in the midd'; // line 733, in the second chunk
    const { error, target, stderr, file } = await importBroken(lines);
    expect(error).toBeInstanceOf(ImportStopped);
    expect(error).toMatchObject({ line: 733, code: 'malformed-line' });
    expect(error.message).toMatch(/^import stopped at line 733: not valid JSON/);
    expect(stderr).toMatch('imported 732 events, skipped 0 already present before the import stopped');
    expect(await target.head()).toBe(732);
    expect((await readAllOf(target)).map((e) => e.hash)).toEqual(all.slice(0, 732).map((e) => e.hash));

    lines[732] = exportLines[732];
    writeFileSync(file, `${lines.join('\n')}\n`);
    const { io } = captureIo();
    expect(await importEventsFrom(target, file, {}, io)).toMatchObject({
      imported: COUNT - 732,
      skipped: 732,
    });
    expect((await readAllOf(target)).map((e) => e.hash)).toEqual(all.map((e) => e.hash));
  });

  it('a line that is JSON but not an event object stops the import there', async () => {
    const lines = [...exportLines.slice(0, 10), '[1, 2, 3]', ...exportLines.slice(10)];
    const { error, target } = await importBroken(lines);
    expect(error).toMatchObject({ line: 11, code: 'malformed-line' });
    expect(await target.head()).toBe(10);
  });

  it('an event changed after export (hash mismatch) stops the import at its line, earlier lines of the same chunk imported', async () => {
    const lines = [...exportLines];
    const tampered = JSON.parse(lines[619]);
    tampered.data.title = 'Something else';
    lines[619] = JSON.stringify(tampered); // line 620: in the chunk of lines 501-1000
    const { error, target, stderr } = await importBroken(lines);
    expect(error).toMatchObject({ line: 620, code: 'hash-mismatch' });
    expect(error.message).toMatch(
      `import stopped at line 620: the event (${tampered.id}) does not hash to its stored hash`,
    );
    expect(stderr).toMatch('imported 619 events');
    expect(await target.head()).toBe(619);
  });

  it('an event failing a content rule (bad actor) is reported at its own line, not at the start of its chunk', async () => {
    const lines = [...exportLines];
    const bad = JSON.parse(lines[41]);
    bad.metadata.actor = '';
    lines[41] = JSON.stringify(bad); // line 42
    const { error, target } = await importBroken(lines, 100);
    expect(error).toMatchObject({ line: 42, code: 'invalid-metadata' });
    expect(error.message).toMatch('the event.metadata.actor must be');
    expect(await target.head()).toBe(41);
  });

  it('a missing line breaks its stream chain: the import stops at the next event of that stream', async () => {
    const dropped = 300; // line 301
    const lost = all[dropped];
    const next = all.findIndex((e, i) => i > dropped && e.stream === lost.stream);
    expect(next).toBeGreaterThan(dropped);
    const lines = exportLines.filter((_, i) => i !== dropped);
    const { error, target } = await importBroken(lines);
    const lineOfNext = next; // one line earlier than in the full export, 1-based
    expect(error).toMatchObject({ line: lineOfNext, code: 'chain-break' });
    expect(error.message).toMatch(`${lost.stream} revision ${lost.revision + 1}`);
    expect(await target.head()).toBe(lineOfNext - 1);
  });

  it('a missing file is reported by name', async () => {
    const { io } = captureIo();
    await expect(importEventsFrom(emptyLedger(), tmp.path('nope.ndjson'), {}, io)).rejects.toMatchObject({
      code: 'unreadable-file',
      message: `The export ${tmp.path('nope.ndjson')} cannot be read: there is no such file; nothing was imported`,
    });
  });

  it('blank lines and CRLF endings are accepted', async () => {
    const file = tmp.path('crlf.ndjson');
    writeFileSync(file, `${exportLines.slice(0, 5).join('\r\n')}\r\n\r\n\n${exportLines[5]}`);
    const { io } = captureIo();
    expect(await importEventsFrom(emptyLedger(), file, {}, io)).toEqual({
      imported: 6,
      skipped: 0,
      lines: 8,
    });
  });

  it('store info prints the head and counts as JSON', async () => {
    const { io, out } = captureIo();
    await storeInfo(source, io);
    expect(JSON.parse(out.text())).toMatchObject({
      kind: 'sqlite',
      head: COUNT,
      eventCount: COUNT,
      streamCount: 60,
      schemaVersion: 1,
    });
  });
});
