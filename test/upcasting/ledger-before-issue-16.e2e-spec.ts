import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isApproximate, sourcesOf, SqliteEventStore, type StoredEvent } from '@ledger/event-store';
import { verifyLedger } from '@ledger/integrity';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * A ledger written before issue 16 (sources plural, uncertain dates, late-found facts) reads
 * back unchanged: its export imports through the store port into a fresh SQLite file, verifies,
 * is projected from scratch by the service, and every read answers as it did then.
 */
const FIXTURES = join(__dirname, '..', 'fixtures');
const EVENTS = readFileSync(join(FIXTURES, 'ledger-before-issue-16.ndjson'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as StoredEvent);
const READS = JSON.parse(readFileSync(join(FIXTURES, 'ledger-before-issue-16.reads.json'), 'utf8')) as Record<
  string,
  { status: number; body: unknown }
>;

/**
 * The one thing that must differ: `asOf` of a view drawn for "now" is the instant it was drawn.
 * Every other field, at any depth, is compared as it was; fields added since are allowed (a deep
 * subset), since later changes add fields to reads.
 */
function withoutDrawInstant(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutDrawInstant);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([key]) => key !== 'asOf')
      .map(([key, v]) => [key, withoutDrawInstant(v)]),
  );
}

describe('a ledger written before issue 16', () => {
  let dir: string;
  let ctx: TestApp;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-before-16-'));
    const store = new SqliteEventStore({ path: join(dir, 'ledger.db') });
    await store.importEvents(EVENTS);
    await store.close();
    ctx = await startTestApp({ LEDGER_DB_PATH: join(dir, 'ledger.db') });
    await ctx.settle();
  });
  afterAll(async () => {
    await ctx?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports whole and verifies: every hash, the chains and the Merkle log', () => {
    const report = verifyLedger(join(dir, 'ledger.db'));
    expect(report.ok).toBe(true);
    expect(EVENTS).toHaveLength(EVENTS[EVENTS.length - 1].position);
  });

  it('reads each old event as citing its one source, its date exact and as stored', async () => {
    for await (const e of ctx.store.readAll()) {
      const old = EVENTS[e.position - 1];
      expect(sourcesOf(e.metadata)).toEqual([old.metadata.source]);
      expect(isApproximate(e.metadata)).toBe(false);
      expect(e.metadata.occurredAt).toBe(old.metadata.occurredAt);
    }
  });

  it.each(Object.keys(READS))('%s answers as it did', async (key) => {
    const [role, method, url] = key.split(' ');
    const res = await ctx.app.inject({
      method: method as 'GET',
      url,
      headers: role === 'auditor' ? { authorization: `Bearer ${ctx.tokens.auditor}` } : {},
    });
    const then = READS[key];
    expect(res.statusCode).toBe(then.status);
    const body: unknown = res.headers['content-type']?.toString().includes('json') ? res.json() : res.body;
    expect(withoutDrawInstant(body)).toMatchObject(withoutDrawInstant(then.body) as object);
  });
});
