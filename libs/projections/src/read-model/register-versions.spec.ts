import { HERTS_PROPOSAL, PCC_MEETING } from '@ledger/domain';
import type { RecordableCommand } from '@ledger/recording';
import {
  ListDecisionsQuery,
  ListRecommendationsQuery,
  ListVotesByPersonQuery,
} from '../queries/registers.query';
import { NotFoundError } from '../queries/not-found.error';
import { startLedger, type LedgerHarness } from '../testing/ledger-harness';
import { CutStates } from '../time-travel/cut-states';
import { AUDITOR } from '../visibility';

/**
 * Registers at a `knownAt` date are exact: after decisions, recommendations and votes are
 * corrected and retracted, each register as of any instant lists what folding every stream
 * as known then gives, no more and no less.
 */
describe('versioned registers', () => {
  let ledger: LedgerHarness;
  const instants: string[] = [];
  const SOURCE = { kind: 'test', reference: 'register versions spec' };

  beforeAll(async () => {
    ledger = await startLedger();
    await ledger.recordStory();
    // Each entry a day after the last, from after the story's last one.
    let clock = 0;
    for await (const e of ledger.store.readAll()) clock = Math.max(clock, Date.parse(e.metadata.recordedAt));
    const record = async (command: RecordableCommand, occurredAt?: string) => {
      clock += 86_400_000;
      ledger.setClock(new Date(clock).toISOString());
      return ledger.record(command, {
        occurredAt: occurredAt ?? new Date(clock - 3_600_000).toISOString(),
        actor: 'clerk:spec',
        source: SOURCE,
      });
    };
    const events = async (stream: string, type: string) => {
      const found = [];
      for await (const e of ledger.store.readStream(stream, { types: [type] })) found.push(e);
      return found;
    };
    const decisions = await events('proposal-g4s-back-office', 'DecisionRecorded');
    const recommendations = await events('proposal-g4s-back-office', 'RecommendationIssued');
    await record({
      type: 'CorrectEvent',
      stream: 'proposal-g4s-back-office',
      data: { eventId: decisions[0].id, reason: 'reference missing', changes: { reference: 'PCC/2013/001' } },
    });
    await record({
      type: 'CorrectEvent',
      stream: 'proposal-g4s-back-office',
      data: { eventId: decisions[0].id, reason: 'reference mistyped', changes: { reference: 'PCC/2013/01' } },
    });
    await record({
      type: 'RetractEvent',
      stream: 'proposal-g4s-back-office',
      data: { eventId: recommendations[0].id, reason: 'entered against the wrong proposal' },
    });
    // The title changes after its decisions: the register at an earlier instant shows the title of then.
    const [tabled] = await events('proposal-g4s-back-office', 'ProposalTabled');
    await record({
      type: 'CorrectEvent',
      stream: 'proposal-g4s-back-office',
      data: {
        eventId: tabled.id,
        reason: 'title as in the minutes',
        changes: { title: 'Business case: G4S support services' },
      },
    });
    await record(
      {
        type: 'OpenVote',
        data: {
          voteEventId: 'herts-vote',
          proposalId: HERTS_PROPOSAL,
          meetingId: PCC_MEETING,
          question: 'That Hertfordshire considers outsourcing',
          bodyId: 'pcc-hertfordshire',
        },
        // Opened at the PCCs' meeting, so dated as it was held (the reports give the year).
      },
      '2013',
    );
    const cast = await record(
      {
        type: 'CastVote',
        data: {
          voteEventId: 'herts-vote',
          personId: 'david-lloyd',
          bodyId: 'pcc-hertfordshire',
          option: 'yes',
        },
      },
      // Cast at the PCCs' meeting, so dated as it was held, as the opening is.
      '2013',
    );
    await record({
      type: 'RetractEvent',
      stream: 'vote-herts-vote',
      data: { eventId: cast.events[0].id, reason: 'the vote was recorded before the meeting took it' },
    });
    await record(
      {
        type: 'CastVote',
        data: {
          voteEventId: 'herts-vote',
          personId: 'david-lloyd',
          bodyId: 'pcc-hertfordshire',
          option: 'abstain',
        },
      },
      // Cast at the PCCs' meeting, so dated as it was held, as the opening is.
      '2013',
    );
    await ledger.settle();
    // Every instant anything was recorded at, and a millisecond either side of it.
    for await (const e of ledger.store.readAll()) {
      const t = Date.parse(e.metadata.recordedAt);
      for (const d of [-1, 0, 1]) instants.push(new Date(t + d).toISOString());
    }
  });
  afterAll(async () => ledger.close());

  /** The truth at K: every proposal and vote folded from its stream as known at K. */
  async function truthAt(knownAt: string) {
    const states = new CutStates(ledger.store, { knownAt });
    const ids = (kind: string) =>
      (
        ledger.projections.readModels.db
          .prepare('SELECT id FROM rm_aggregates WHERE kind = ?')
          .all(kind) as Array<{ id: string }>
      ).map((r) => r.id);
    const decisions: string[] = [];
    const recommendations: string[] = [];
    for (const id of ids('proposal')) {
      const { state } = await states.state('proposal', id);
      if (!state.exists) continue;
      for (const d of state.decisions)
        decisions.push(`${d.eventId} ${d.outcome} ${d.reference ?? '-'} ${state.terms.title}`);
      for (const r of state.recommendations) recommendations.push(`${r.eventId} ${r.content}`);
    }
    // A person not yet registered (as known then) has no register of votes: it is 404.
    const lloyd = await states.state('person', 'david-lloyd');
    if (!lloyd.state.exists)
      return { decisions: decisions.sort(), recommendations: recommendations.sort(), votes: 'not-found' };
    const votes: string[] = [];
    for (const id of ids('vote')) {
      const { state } = await states.state('vote', id);
      if (state.exists)
        for (const v of state.votes) if (v.personId === 'david-lloyd') votes.push(`${v.eventId} ${v.option}`);
    }
    return { decisions: decisions.sort(), recommendations: recommendations.sort(), votes: votes.sort() };
  }

  async function registersAt(knownAt: string) {
    const page = { limit: 500 };
    const d = await ledger.queries.execute<
      ListDecisionsQuery,
      { items: Array<{ eventId: string; outcome: string; reference?: string; proposal: { title: string } }> }
    >(new ListDecisionsQuery({}, page, { knownAt }, AUDITOR));
    const r = await ledger.queries.execute<
      ListRecommendationsQuery,
      { items: Array<{ eventId: string; content: string }> }
    >(new ListRecommendationsQuery({}, page, { knownAt }, AUDITOR));
    const v = await ledger.queries
      .execute<ListVotesByPersonQuery, { items: Array<{ eventId: string; option: string }> }>(
        new ListVotesByPersonQuery('david-lloyd', page, { knownAt }, AUDITOR),
      )
      .catch((e: unknown) => {
        if (e instanceof NotFoundError) return undefined;
        throw e;
      });
    return {
      decisions: d.items
        .map((x) => `${x.eventId} ${x.outcome} ${x.reference ?? '-'} ${x.proposal.title}`)
        .sort(),
      recommendations: r.items.map((x) => `${x.eventId} ${x.content}`).sort(),
      votes: v ? v.items.map((x) => `${x.eventId} ${x.option}`).sort() : 'not-found',
    };
  }

  it('list at every instant what the streams held then', async () => {
    for (const knownAt of instants)
      expect({ knownAt, ...(await registersAt(knownAt)) }).toEqual({ knownAt, ...(await truthAt(knownAt)) });
  });

  it('keep the versions a correction replaced, with when they were known', async () => {
    const rows = ledger.projections.readModels.db
      .prepare(
        "SELECT reference, known_from, known_until FROM rm_decisions WHERE known_until IS NOT NULL OR reference LIKE 'PCC/2013/%' ORDER BY known_from",
      )
      .all() as Array<{ reference: string | null; known_until: string | null }>;
    expect(rows.map((r) => r.reference)).toEqual([null, 'PCC/2013/001', 'PCC/2013/01']);
    expect(rows.map((r) => r.known_until === null)).toEqual([false, false, true]);
    const now = await registersAt(new Date().toISOString());
    expect(now.votes).toEqual([expect.stringMatching(/ abstain$/)]);
  });
});
