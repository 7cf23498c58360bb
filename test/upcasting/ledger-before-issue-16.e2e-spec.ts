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

/**
 * The one intended change of meaning (issue 16, the six corporations sole): `waitingFor` lists
 * every member whose agreement the alliance's rule needs, from the tabling on, where the old rule
 * listed only the bodies a proposal had been referred to. So an answer may wait for more: the
 * entries it listed then are set aside to be compared as before, and the rest returned in `added`
 * for the test to check that each is a member of the alliance (or a successor named since).
 */
function waitingForAsThen(now: unknown, then: unknown, added: string[]): unknown {
  if (Array.isArray(now))
    return now.map((v, i) => waitingForAsThen(v, Array.isArray(then) ? then[i] : undefined, added));
  if (now === null || typeof now !== 'object') return now;
  const before = (then ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(now as Record<string, unknown>).map(([key, v]) => {
      if (key !== 'waitingFor' || !Array.isArray(v) || !Array.isArray(before[key]))
        return [key, waitingForAsThen(v, before[key], added)];
      const idOf = (w: unknown) => (w as { id?: string }).id ?? '';
      const listed = new Set((before[key] as unknown[]).map(idOf));
      added.push(...v.map(idOf).filter((id) => !listed.has(id)));
      return [key, v.filter((w) => listed.has(idOf(w)))];
    }),
  );
}

/** The alliance's members as the old ledger formed it, and the PCCs that succeeded its police authorities. */
const MEMBERS_AND_SUCCESSORS = new Set([
  ...EVENTS.filter((e) => e.type === 'AllianceFormed').flatMap(
    (e) => (e.data as { memberIds: string[] }).memberIds,
  ),
  ...EVENTS.filter((e) => e.type === 'BodyAbolished').map(
    (e) => (e.data as { successorId?: string }).successorId ?? '',
  ),
]);

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
    const added: string[] = [];
    const before = withoutDrawInstant(then.body);
    expect(waitingForAsThen(withoutDrawInstant(body), before, added)).toMatchObject(before as object);
    expect(added.filter((id) => !MEMBERS_AND_SUCCESSORS.has(id))).toEqual([]);
  });
});
