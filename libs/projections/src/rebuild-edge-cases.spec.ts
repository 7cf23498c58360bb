import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HERTS_PROPOSAL } from '@ledger/domain';
import type { RecordableCommand } from '@ledger/recording';
import { Projector } from './projector';
import { ListDecisionsQuery } from './queries/registers.query';
import { ReadModelDb } from './read-model/read-model.db';
import { startLedger, type LedgerHarness } from './testing/ledger-harness';
import { AUDITOR } from './visibility';

/**
 * Cases a review found where a rebuild could differ from the incremental read models: a
 * successor recorded after the proposals it reshapes were written (in a rebuild's second part,
 * or after they left a small cache), a proposal tabled again after its tabling was retracted,
 * a correction that puts a number into a text field, and a decision's publicity corrected back
 * and forth (a rebuild builds the index of entries only at its end).
 */
describe('rebuild edge cases', () => {
  let ledger: LedgerHarness;
  const SOURCE = { kind: 'test', reference: 'rebuild edge cases' };
  let clock = 0;
  const record = async (command: RecordableCommand) => {
    clock += 60_000;
    ledger.setClock(new Date(clock).toISOString());
    return ledger.record(command, {
      occurredAt: new Date(clock - 1000).toISOString(),
      actor: 'clerk:spec',
      source: SOURCE,
    });
  };
  const rows = (rm: ReadModelDb) => {
    const { rm_meta: _meta, ...rest } = rm.dump();
    return rest;
  };
  /** The rows of a rebuild from scratch of the whole ledger as it is now. */
  const rebuiltRows = async () => {
    const rebuilt = ReadModelDb.open(':memory:', 92);
    try {
      await new Projector(rebuilt, ledger.store).rebuildFromScratch();
      return rows(rebuilt);
    } finally {
      rebuilt.close();
    }
  };
  const waitingFor = (rm: ReadModelDb, id: string) =>
    (
      rm.db.prepare('SELECT waiting_for FROM rm_proposals WHERE proposal_id = ?').get(id) as {
        waiting_for: string;
      }
    ).waiting_for;

  beforeAll(async () => {
    ledger = await startLedger();
    await ledger.recordStory();
    for await (const e of ledger.store.readAll()) clock = Math.max(clock, Date.parse(e.metadata.recordedAt));
  });
  afterAll(async () => ledger.close());

  it('a successor recorded between the two parts of a rebuild, or after a proposal left a small cache, re-renders it', async () => {
    const twoParts = ReadModelDb.open(':memory:', 90);
    const projector = new Projector(twoParts, ledger.store);
    await projector.rebuildFromScratch();
    for (let i = 0; i < 5; i += 1)
      await record({
        type: 'RegisterBody',
        data: {
          bodyId: `filler-${i}`,
          name: `Filler ${i}`,
          classification: 'other',
          powers: 'none',
          foundingDate: '2000-01-01',
        },
      });
    await record({
      type: 'RegisterBody',
      data: {
        bodyId: 'herts-successor',
        name: 'Successor to the PCC for Hertfordshire (spec)',
        classification: 'other',
        area: 'Hertfordshire',
        powers: 'decides',
        foundingDate: '2012-01-16',
      },
    });
    await record({
      type: 'AbolishBody',
      data: {
        bodyId: 'pcc-hertfordshire',
        dissolutionDate: new Date(clock).toISOString().slice(0, 10),
        successorId: 'herts-successor',
        reason: 'spec: a successor',
      },
    });
    await ledger.settle();
    expect(JSON.parse(waitingFor(ledger.projections.readModels, HERTS_PROPOSAL))).toEqual([
      'herts-successor',
    ]);

    await projector.rebuildFromScratch(); // what arrived while the first part ran
    const small = ReadModelDb.open(':memory:', 91);
    await new Projector(small, ledger.store, undefined, 3).rebuildFromScratch(undefined, 1);
    try {
      expect(waitingFor(twoParts, HERTS_PROPOSAL)).toBe(
        waitingFor(ledger.projections.readModels, HERTS_PROPOSAL),
      );
      expect(waitingFor(small, HERTS_PROPOSAL)).toBe(
        waitingFor(ledger.projections.readModels, HERTS_PROPOSAL),
      );
      expect(rows(small)).toEqual(rows(ledger.projections.readModels));
    } finally {
      twoParts.close();
      small.close();
    }
  });

  it('a proposal tabled again after its tabling was retracted has its decisions in the register again', async () => {
    await record({
      type: 'RegisterBody',
      data: {
        bodyId: 'pp-body',
        name: 'Spec Authority',
        classification: 'other',
        powers: 'decides',
        foundingDate: '2000-01-01',
      },
    });
    const tabled = await record({
      type: 'TableProposal',
      data: {
        proposalId: 'pp',
        title: 'Spec proposal',
        description: 'A proposal tabled twice.',
        scope: ['HR'],
        tabledBy: 'pp-body',
        bodyId: 'pp-body',
      },
    });
    await record({
      type: 'RecordDecision',
      data: {
        proposalId: 'pp',
        decisionId: 'd1',
        bodyId: 'pp-body',
        outcome: 'approve',
        inPublic: true,
        rationale: 'spec',
      },
    });
    // The tabling retracted while a decision rests on it: a rule of the domain may refuse that
    // (retraction-leaves-dependent), but a ledger written before it may hold one, so it is
    // written to the store as such a version wrote it, a minute after the last, as `record` would.
    const stream = [];
    for await (const e of ledger.store.readStream('proposal-pp')) stream.push(e);
    const head = stream[stream.length - 1];
    clock += 60_000;
    ledger.setClock(new Date(clock).toISOString());
    await ledger.store.append(
      'proposal-pp',
      [
        {
          id: randomUUID(),
          type: 'EventRetracted',
          schemaVersion: 1,
          data: { eventId: tabled.events[0].id, reason: 'tabled by mistake' },
          metadata: {
            ...head.metadata,
            occurredAt: new Date(clock - 1000).toISOString(),
            correlationId: randomUUID(),
            causationId: null,
          },
        },
      ],
      { expectedRevision: head.revision },
    );
    await record({
      type: 'TableProposal',
      data: {
        proposalId: 'pp',
        title: 'Spec proposal',
        description: 'A proposal tabled twice.',
        scope: ['HR'],
        tabledBy: 'pp-body',
        bodyId: 'pp-body',
      },
    });
    await ledger.settle();
    const decisions = await ledger.queries.execute<
      ListDecisionsQuery,
      { items: Array<{ decisionId: string }> }
    >(new ListDecisionsQuery({ proposalId: 'pp' }, { limit: 10 }, {}, AUDITOR));
    expect(decisions.items.map((d) => d.decisionId)).toEqual(['d1']);
  });

  it('a correction that put a number into a text field (before the domain refused it) reads back as it was written, and a rebuild agrees', async () => {
    const decided = [];
    for await (const e of ledger.store.readStream('proposal-pp', { types: ['DecisionRecorded'] }))
      decided.push(e);
    // The domain now refuses it (correction-invalid-value), but a ledger written by an earlier
    // version may hold one: written to the store as that version wrote it.
    const head = decided[decided.length - 1];
    const stream = [];
    for await (const e of ledger.store.readStream('proposal-pp')) stream.push(e);
    clock += 60_000; // recorded a minute after the last, as `record` would
    ledger.setClock(new Date(clock).toISOString());
    await ledger.store.append(
      'proposal-pp',
      [
        {
          id: randomUUID(),
          type: 'EventCorrected',
          schemaVersion: 1,
          data: { eventId: decided[0].id, reason: 'spec: a number', changes: { reference: 5 } },
          metadata: { ...head.metadata, correlationId: randomUUID(), causationId: null },
        },
      ],
      { expectedRevision: stream[stream.length - 1].revision },
    );
    // Another correction in the stream compares every entry's row with the one in the table.
    const tablings = [];
    for await (const e of ledger.store.readStream('proposal-pp', { types: ['ProposalTabled'] }))
      tablings.push(e);
    await record({
      type: 'CorrectEvent',
      stream: 'proposal-pp',
      data: {
        eventId: tablings[tablings.length - 1].id,
        reason: 'spec: the title',
        changes: { title: 'Spec proposal, corrected' },
      },
    });
    await ledger.settle();
    const decisions = await ledger.queries.execute<
      ListDecisionsQuery,
      { items: Array<{ decisionId: string; reference?: string }> }
    >(new ListDecisionsQuery({ proposalId: 'pp' }, { limit: 10 }, {}, AUDITOR));
    expect(decisions.items.find((d) => d.decisionId === 'd1')?.reference).toBe('5');
    // As recorded, back with the second tabling, then with the reference: the title's correction added none.
    const versions = ledger.projections.readModels.db
      .prepare("SELECT count(*) AS n FROM rm_decisions WHERE decision_id = 'd1'")
      .get() as { n: number };
    expect(versions.n).toBe(3);
    expect(await rebuiltRows()).toEqual(rows(ledger.projections.readModels));
  });

  it('a text with a lone surrogate (recorded before the edge refused one) is written as SQLite reads it back, so a later correction leaves rebuild and incremental alike', async () => {
    const decided = [];
    for await (const e of ledger.store.readStream('proposal-pp', { types: ['DecisionRecorded'] }))
      decided.push(e);
    // Commands now refuse text that is not well-formed Unicode; a ledger written by an older
    // version may still hold some, so the correction is appended to the store as it was then.
    clock += 60_000;
    ledger.setClock(new Date(clock).toISOString());
    const { revision } = await ledger.store.streamInfo('proposal-pp');
    await ledger.store.append(
      'proposal-pp',
      [
        {
          id: randomUUID(),
          type: 'EventCorrected',
          data: {
            eventId: decided[0].id,
            reason: 'spec: half a pair',
            changes: { rationale: 'half a pair: \ud800 here' },
          },
          metadata: { occurredAt: new Date(clock - 1000).toISOString(), actor: 'clerk:spec', source: SOURCE },
        },
      ],
      { expectedRevision: revision },
    );
    const tablings = [];
    for await (const e of ledger.store.readStream('proposal-pp', { types: ['ProposalTabled'] }))
      tablings.push(e);
    // Another correction in the stream compares every entry's row with the one in the table: d1's is as it was.
    await record({
      type: 'CorrectEvent',
      stream: 'proposal-pp',
      data: {
        eventId: tablings[tablings.length - 1].id,
        reason: 'spec: the title again',
        changes: { title: 'Spec proposal, corrected again' },
      },
    });
    await ledger.settle();
    const d1 = ledger.projections.readModels.db
      .prepare("SELECT rationale FROM rm_decisions WHERE decision_id = 'd1' ORDER BY known_from")
      .all() as Array<{ rationale: string }>;
    expect(d1.map((r) => r.rationale)).toEqual(['spec', 'spec', 'spec', 'half a pair: \ufffd here']);
    expect(await rebuiltRows()).toEqual(rows(ledger.projections.readModels));
  });

  it("a decision's publicity corrected back and forth judges its events again alike in a rebuild, whichever way it runs", async () => {
    const decided = [];
    for await (const e of ledger.store.readStream('proposal-pp', { types: ['DecisionRecorded'] }))
      decided.push(e);
    const d1 = decided[0];
    const correct = (changes: Record<string, unknown>, reason: string) =>
      record({ type: 'CorrectEvent', stream: 'proposal-pp', data: { eventId: d1.id, reason, changes } });
    await correct({ inPublic: false }, 'spec: taken in private after all');
    await correct({ rationale: 'spec: said in private' }, 'spec: the rationale, while private');
    await ledger.settle();
    const entry = (rm: ReadModelDb) =>
      rm.db
        .prepare('SELECT position, public FROM rm_event_visibility WHERE entry_id = ? ORDER BY position')
        .all(d1.id) as Array<{ position: number; public: number }>;
    const hidden = entry(ledger.projections.readModels);
    expect(hidden.length).toBeGreaterThanOrEqual(3);
    expect(hidden.every((row) => row.public === 0)).toBe(true);
    await correct({ inPublic: true }, 'spec: in public, as first recorded');
    await ledger.settle();
    const shown = entry(ledger.projections.readModels);
    expect(shown.map((row) => row.position)).toEqual([
      ...hidden.map((row) => row.position),
      expect.any(Number),
    ]);
    expect(shown.every((row) => row.public === 1)).toBe(true);

    expect(await rebuiltRows()).toEqual(rows(ledger.projections.readModels));
    // Through the writer thread into a file, with a cache of two aggregates, in pages of five events.
    const dir = mkdtempSync(join(tmpdir(), 'ledger-edge-'));
    const file = ReadModelDb.open(join(dir, 'rm.db'), 93);
    try {
      await new Projector(file, ledger.store, undefined, 2).rebuildFromScratch(undefined, 5);
      expect(rows(file)).toEqual(rows(ledger.projections.readModels));
    } finally {
      file.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
