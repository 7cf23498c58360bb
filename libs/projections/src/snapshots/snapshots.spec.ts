import fc from 'fast-check';
import type { RecordableCommand } from '@ledger/recording';
import { currentSchemaVersion, DECIDERS, type AggregateKind, HERTS_PROPOSAL } from '@ledger/domain';
import { v7 as uuidv7 } from 'uuid';
import { Projector } from '../projector';
import { ReadModelDb } from '../read-model/read-model.db';
import { startLedger, type LedgerHarness } from '../testing/ledger-harness';
import { CutStates } from '../time-travel/cut-states';
import { proposalAt, type ProposalAtOptions } from '../time-travel/proposal-timeline';
import { SNAPSHOT_MIN_EVENTS } from './snapshot-policy';
import { listProposals } from '../queries/proposals.handler';
import { AUDITOR } from '../visibility';

/**
 * Dated snapshots only save reading: a state drawn from the nearest snapshot at any cut (as of,
 * as known at, or both) equals the state folded from the stream's start, whatever corrections,
 * retractions and late entries the stream holds.
 */

const SOURCE = { kind: 'test', reference: 'snapshot spec' };
const day = (from: string, days: number) =>
  new Date(new Date(from).getTime() + days * 86_400_000).toISOString();

/** A seeded run of months after the story: claims on Hertfordshire's proposal, some corrected or retracted, each recorded a few days late. */
async function recordYears(
  ledger: LedgerHarness,
  seed: number,
  months: number,
): Promise<{ first: string; last: string }> {
  let rng = seed >>> 0;
  const next = () => (rng = (Math.imul(rng, 1103515245) + 12345) >>> 0) / 2 ** 32;
  let clock = '2013-03-01T00:00:00.000Z';
  const record = async (command: RecordableCommand, occurredAt: string) => {
    const late = day(occurredAt, Math.floor(next() * 20));
    if (late > clock) clock = late;
    ledger.setClock(clock);
    return ledger.record(command, { occurredAt, actor: 'clerk:spec', source: SOURCE });
  };
  const claims: string[] = [];
  for (let m = 0; m < months; m += 1) {
    const start = new Date(Date.UTC(2013, 2 + m, 1)).toISOString();
    const count = 1 + Math.floor(next() * 4);
    for (let c = 0; c < count; c += 1) {
      const at = day(start, c * 5 + 1);
      const result = await record(
        {
          type: 'RecordClaim',
          data: {
            proposalId: HERTS_PROPOSAL,
            claimId: `c-${m}-${c}`,
            subject: 'savings',
            amount: Math.floor(next() * 1e6),
            unit: 'GBP',
            qualifier: 'about',
            claimant: 'spec',
            statement: `claim ${m}/${c}`,
          },
        },
        at,
      );
      claims.push(result.events[0].id);
    }
    if (next() < 0.15 && claims.length > 2) {
      // Mostly a recent entry, as in practice; now and then an old one.
      const back = next() < 0.8 ? Math.floor(next() * 6) : Math.floor(next() * claims.length);
      const eventId = claims[Math.max(0, claims.length - 1 - back)];
      const command =
        next() < 0.5
          ? {
              type: 'CorrectEvent',
              stream: `proposal-${HERTS_PROPOSAL}`,
              data: { eventId, reason: 'spec', changes: { amount: 42 } },
            }
          : { type: 'RetractEvent', stream: `proposal-${HERTS_PROPOSAL}`, data: { eventId, reason: 'spec' } };
      await record(command as RecordableCommand, day(start, 25)).catch(() => undefined); // retracting twice is refused
    }
  }
  return { first: '2012-01-01T00:00:00.000Z', last: clock };
}

async function streamsOf(ledger: LedgerHarness): Promise<Array<{ kind: AggregateKind; id: string }>> {
  const streams = new Set<string>();
  for await (const e of ledger.store.readAll()) streams.add(e.stream);
  return [...streams]
    .map((s) => ({ kind: s.slice(0, s.indexOf('-')) as AggregateKind, id: s.slice(s.indexOf('-') + 1) }))
    .filter((s) => s.kind in DECIDERS);
}

const cutArb = (first: string, last: string) => {
  const date = fc
    .date({ min: new Date(first), max: new Date(last), noInvalidDate: true })
    .map((d) => d.toISOString());
  return fc.record({
    asOf: fc.option(date, { nil: undefined }),
    knownAt: fc.option(date, { nil: undefined }),
  });
};

describe('dated snapshots', () => {
  let ledger: LedgerHarness;
  let span: { first: string; last: string };
  let streams: Array<{ kind: AggregateKind; id: string }>;
  beforeAll(async () => {
    ledger = await startLedger();
    await ledger.recordStory();
    span = await recordYears(ledger, 7, 48);
    await ledger.settle();
    streams = await streamsOf(ledger);
  });
  afterAll(async () => ledger.close());

  it('are taken as a long stream crosses into new months, and not for short streams', () => {
    const rows = ledger.projections.readModels.db
      .prepare('SELECT stream, count(*) AS n, min(revision) AS first FROM rm_snapshots GROUP BY stream')
      .all() as Array<{ stream: string; n: number; first: number }>;
    const herts = rows.find((r) => r.stream === `proposal-${HERTS_PROPOSAL}`);
    expect(herts?.n).toBeGreaterThan(2);
    expect(herts!.first).toBeGreaterThanOrEqual(SNAPSHOT_MIN_EVENTS - 1);
    // Every snapshot holds at least SNAPSHOT_MIN_EVENTS events; a person has two or three.
    expect(rows.some((r) => r.stream.startsWith('person-'))).toBe(false);
  });

  it('give the same state as folding from the start, at any cut', async () => {
    let fromSnapshot = 0;
    await fc.assert(
      fc.asyncProperty(cutArb(span.first, span.last), async (cut) => {
        const withSnapshots = new CutStates(ledger.store, cut, ledger.projections.readModels);
        const folded = new CutStates(ledger.store, cut);
        for (const { kind, id } of streams) {
          const a = await withSnapshots.state(kind, id);
          const b = await folded.state(kind, id);
          expect({ state: a.state, events: a.events }).toEqual({ state: b.state, events: b.events });
          if (a.fromSnapshot) fromSnapshot += 1;
        }
      }),
      { numRuns: 150 },
    );
    // Not vacuous: some of those reads started from a snapshot (only the long stream has any,
    // and a cut before its first one, or known before it was recorded, cannot use it).
    expect(fromSnapshot).toBeGreaterThan(5);
  });

  it('give the same proposal view at any cut', async () => {
    await fc.assert(
      fc.asyncProperty(cutArb(span.first, span.last), async (cut) => {
        const now = new Date(span.last);
        const at = (options: ProposalAtOptions) =>
          proposalAt(ledger.store, HERTS_PROPOSAL, cut, { now, ...options }).then(
            ({ state, view, date }) => ({ state, view, date }),
            (e: { code?: string }) => e.code,
          );
        expect(await at({ snapshots: ledger.projections.readModels })).toEqual(await at({}));
      }),
      { numRuns: 100 },
    );
  });

  it('give a list across proposals at any cut that agrees with each proposal drawn alone', async () => {
    await fc.assert(
      fc.asyncProperty(cutArb(span.first, span.last), async (cut) => {
        const listed = await listProposals(ledger.store, ledger.projections.readModels, {
          filter: {},
          page: { limit: 50 },
          cut,
          viewer: AUDITOR,
        });
        const alone = [];
        for (const item of listed.items)
          alone.push((await proposalAt(ledger.store, item.proposalId, cut)).view.status);
        expect(listed.items.map((i) => i.status)).toEqual(alone);
      }),
      { numRuns: 40 },
    );
  });

  it('are not trusted past a correction the read models have not projected yet', async () => {
    // A second projector, stopped: it has every event so far, then a correction arrives.
    const rm = ReadModelDb.open(':memory:', 1);
    try {
      await new Projector(rm, ledger.store).rebuildFromScratch();
      const cut = { asOf: span.last };
      const before = await new CutStates(ledger.store, cut, rm).state('proposal', HERTS_PROPOSAL);
      expect(before.fromSnapshot).toBe(true);
      const claim: Array<{ id: string }> = [];
      for await (const e of ledger.store.readStream(`proposal-${HERTS_PROPOSAL}`, {
        types: ['ClaimRecorded'],
      }))
        claim.push(e);
      ledger.setClock(day(span.last, 30));
      await ledger.record(
        {
          type: 'CorrectEvent',
          stream: `proposal-${HERTS_PROPOSAL}`,
          data: { eventId: claim[0].id, reason: 'spec: late correction', changes: { amount: 7 } },
        },
        {
          occurredAt: day(span.last, 30),
          actor: 'clerk:spec',
          source: SOURCE,
        },
      );
      const later = { asOf: day(span.last, 31) };
      const stale = await new CutStates(ledger.store, later, rm).state('proposal', HERTS_PROPOSAL);
      const truth = await new CutStates(ledger.store, later).state('proposal', HERTS_PROPOSAL);
      expect(stale.fromSnapshot).toBe(false);
      expect(stale.state).toEqual(truth.state);
      expect(truth.state.claims.find((c) => c.eventId === claim[0].id)?.amount).toBe(7);
    } finally {
      rm.close();
    }
  });

  it('stop for a stream whose occurredAt goes backwards (a store written around the time rules)', async () => {
    const other = await startLedger();
    try {
      await other.recordStory();
      const years = await recordYears(other, 11, 24);
      await other.settle();
      const stream = `proposal-${HERTS_PROPOSAL}`;
      const count = () =>
        (
          other.projections.readModels.db
            .prepare('SELECT count(*) AS n FROM rm_snapshots WHERE stream = ?')
            .get(stream) as { n: number }
        ).n;
      expect(count()).toBeGreaterThan(0);
      const data = {
        proposalId: HERTS_PROPOSAL,
        claimId: 'backdated',
        subject: 'savings',
        amount: 1,
        unit: 'GBP',
        qualifier: 'about',
        claimant: 'spec',
        statement: 'appended past the domain',
      };
      await other.store.append(stream, [
        {
          id: uuidv7(),
          type: 'ClaimRecorded',
          schemaVersion: currentSchemaVersion('ClaimRecorded'),
          data,
          metadata: { occurredAt: '2013-06-01T00:00:00.000Z', actor: 'clerk:spec', source: SOURCE },
        },
      ]);
      await other.settle();
      expect(count()).toBe(0);
      for (const asOf of ['2013-05-01', '2013-07-01', '2014-06-01', years.last]) {
        const a = await new CutStates(other.store, { asOf }, other.projections.readModels).state(
          'proposal',
          HERTS_PROPOSAL,
        );
        const b = await new CutStates(other.store, { asOf }).state('proposal', HERTS_PROPOSAL);
        expect(a.state).toEqual(b.state);
      }
    } finally {
      await other.close();
    }
  });
});
