import { displayName } from '../people/person.decider';
import { proposalStatus } from '../proposals/proposal.status';
import { evolveProposal, initialProposalState, type ProposalState } from '../proposals/proposal.state';
import { decideCommand, resolveReferences, streamName } from '../registry';
import { effectiveEvents } from '../shared/corrections';
import type { Recorded, References } from '../shared/decider';
import { InMemoryLedger } from '../testing/in-memory-ledger';
import {
  ALLIANCE_PROPOSAL,
  HERTS_PROPOSAL,
  MET_PROPOSAL,
  resolveStoryEventRef,
  STRATEGIC_ALLIANCE_STORY,
  SURREY_PROPOSAL,
} from './strategic-alliance';

async function recordStory(): Promise<InMemoryLedger> {
  const ledger = new InMemoryLedger(() => '2026-01-01T00:00:00.000Z');
  for (const step of STRATEGIC_ALLIANCE_STORY) {
    const command =
      'stream' in step.command
        ? ({
            ...step.command,
            data: {
              ...step.command.data,
              eventId: resolveStoryEventRef(step.command.data.eventId, ledger.events(step.command.stream)),
            },
          } as typeof step.command)
        : step.command;
    await ledger.execute(command, step.occurredAt);
  }
  return ledger;
}

async function viewAt(
  ledger: InMemoryLedger,
  proposalId: string,
  asOf: string,
): Promise<{ state: ProposalState; refs: References }> {
  const cut = (stream: string) =>
    ledger.events(stream).filter((e) => e.occurredAt <= new Date(asOf).toISOString());
  const state = (effectiveEvents(cut(streamName('proposal', proposalId))) as Recorded<never>[]).reduce(
    evolveProposal,
    initialProposalState(),
  );
  const refs = await resolveReferences([{ kind: 'proposal', id: proposalId }], async (s) => ({
    events: cut(s),
    revision: cut(s).length - 1,
  }));
  return { state, refs };
}

describe('the story of the four reports, through the deciders', () => {
  let ledger: InMemoryLedger;
  beforeAll(async () => (ledger = await recordStory()));

  it('is in the order it was recorded: recordedAt never goes backwards', () => {
    const recorded = STRATEGIC_ALLIANCE_STORY.map((s) => new Date(s.recordedAt).getTime());
    expect(recorded).toEqual([...recorded].sort((a, b) => a - b));
  });

  it('records every step with nothing refused', () => {
    const recorded = [...ledger.streams.values()].reduce((n, events) => n + events.length, 0);
    expect(recorded).toBe(STRATEGIC_ALLIANCE_STORY.length);
  });

  it('ends with the alliance proposal discontinued by the unanimous decision of the three PCCs, each by name', async () => {
    const { state, refs } = await viewAt(ledger, ALLIANCE_PROPOSAL, '2013-12-31');
    const view = proposalStatus(state, refs, '2013-12-31');
    expect(view.status).toBe('discontinued');
    expect(view.unanimous).toBe(true);
    const deciders = state.decisions.map((d) => {
      const person = refs.get('person', d.personId as string);
      return {
        body: d.bodyId,
        person: person && displayName(person),
        outcome: d.outcome,
        meeting: d.meetingId,
      };
    });
    // David Lloyd rejected the plan before the meeting, which was called after it.
    expect(deciders).toEqual([
      { body: 'pcc-hertfordshire', person: 'David Lloyd', outcome: 'reject', meeting: undefined },
      {
        body: 'pcc-cambridgeshire',
        person: 'Sir Graham Bright',
        outcome: 'reject',
        meeting: 'pcc-g4s-meeting',
      },
      { body: 'pcc-bedfordshire', person: 'Olly Martins', outcome: 'reject', meeting: 'pcc-g4s-meeting' },
    ]);
  });

  it('keeps both staff figures with their sources, and applies the correction without losing the original', async () => {
    const { state } = await viewAt(ledger, ALLIANCE_PROPOSAL, '2013-12-31');
    const staff = state.claims
      .filter((c) => c.subject === 'staff-affected')
      .map((c) => [c.amount, c.qualifier, c.claimant]);
    expect(staff).toEqual([
      [1000, 'more-than', 'news report'],
      [1100, 'exactly', 'BBC'],
    ]);
    expect(state.claims.find((c) => c.claimId === 'gap-73m')?.amount).toBe(73_000_000);
    const raw = ledger.events(`proposal-${ALLIANCE_PROPOSAL}`);
    expect(
      raw.find((e) => e.type === 'ClaimRecorded' && (e.data as { claimId: string }).claimId === 'gap-73m')
        ?.data,
    ).toMatchObject({ amount: 37_000_000 });
    expect(raw.filter((e) => e.type === 'EventCorrected')).toHaveLength(1);
  });

  it('records the figures of the 2013 reports dated to the year, after the meeting was recorded: late-found facts', async () => {
    const raw = ledger.events(`proposal-${ALLIANCE_PROPOSAL}`);
    const claims = raw.filter((e) => e.type === 'ClaimRecorded' && e.occurredAt === '2013');
    expect(claims.map((e) => (e.data as { claimId: string }).claimId)).toEqual([
      'gap-73m',
      'staff-1000',
      'staff-1100',
      'savings-100m',
    ]);
    const discontinued = raw.findIndex((e) => e.type === 'ProposalDiscontinued');
    expect(raw.findIndex((e) => (e.data as { claimId?: string }).claimId === 'staff-1100')).toBeGreaterThan(
      discontinued,
    );
    // Counted from the year's first instant in every as-of view.
    const { state } = await viewAt(ledger, ALLIANCE_PROPOSAL, '2013-01-01');
    expect(state.claims.map((c) => c.claimId)).toEqual(
      expect.arrayContaining(['staff-1100', 'savings-100m']),
    );
    expect(
      (await viewAt(ledger, ALLIANCE_PROPOSAL, '2012-12-31')).state.claims.map((c) => c.claimId),
    ).toEqual(['value-77m']);
  });

  it("leaves Hertfordshire's own proposal open, from early 2013 (the year's first instant) and not before", async () => {
    const after = await viewAt(ledger, HERTS_PROPOSAL, '2013-01-01');
    expect(after.state.exists).toBe(true);
    expect(proposalStatus(after.state, after.refs, '2013-01-01').status).toBe('under-consideration');
    expect((await viewAt(ledger, HERTS_PROPOSAL, '2012-12-31T23:59:59Z')).state.exists).toBe(false);
    const parent = await viewAt(ledger, ALLIANCE_PROPOSAL, '2013-01-01');
    expect(parent.state.takenForward).toMatchObject({
      memberBodyId: 'pcc-hertfordshire',
      newProposalId: HERTS_PROPOSAL,
      // Hertfordshire's chief executive said it, for the commissioner (as the decider checked he was then).
      spokenBy: { name: 'Andrew White', forBodyId: 'pcc-hertfordshire', forPersonId: 'david-lloyd' },
    });
    expect(parent.state.claims.find((c) => c.claimId === 'savings-100m')).toMatchObject({
      claimant: 'G4S',
      spokenBy: { name: 'Kim Challis', role: 'chief executive' },
    });
  });

  it("suspends Surrey's plan and records the London Assembly committee's recommendation to the Met", async () => {
    const surrey = await viewAt(ledger, SURREY_PROPOSAL, '2012-12-31');
    expect(proposalStatus(surrey.state, surrey.refs, '2012-12-31').status).toBe('deferred');
    const met = await viewAt(ledger, MET_PROPOSAL, '2018-01-01');
    expect(met.state.recommendations).toEqual([
      expect.objectContaining({
        byBodyId: 'la-budget-performance',
        toBodyIds: ['met-police'],
        content: 'amend',
      }),
    ]);
  });

  it("carries each PCC's decision record as far as the reports support it, and no further", async () => {
    const { state } = await viewAt(ledger, ALLIANCE_PROPOSAL, '2013-12-31');
    for (const d of state.decisions) {
      // Title, summary and the PCC's own signature, dated to the year: the reports give no day.
      expect(d).toMatchObject({
        title: 'Not to proceed with outsourcing to G4S through the Lincolnshire Police contract',
        summary: expect.stringMatching(/G4S/) as string,
        signed: { personId: d.personId, on: '2013' },
      });
      // Nothing the reports do not give: no number, author, recommendation, publication or annex.
      for (const absent of [
        'inPublic',
        'reference',
        'reportOf',
        'recommendation',
        'recommendationId',
        'publishedOn',
        'keyDecision',
        'significantPublicInterest',
        'financialImplications',
        'legalImplications',
        'exemptAnnex',
        'delegation',
        'voteEventId',
      ])
        expect([d.decisionId, absent, d[absent as keyof typeof d]]).toEqual([
          d.decisionId,
          absent,
          undefined,
        ]);
    }
  });

  it("records the Met's ten-year SSCL contract as signed (a decision), not merely tabled", async () => {
    const met = await viewAt(ledger, MET_PROPOSAL, '2018-01-01');
    expect(met.state.decisions).toEqual([
      expect.objectContaining({
        decisionId: 'met-sscl-contract',
        bodyId: 'met-police',
        outcome: 'sign-contract',
        title: 'Ten-year contract with Shared Services Connected Limited',
      }),
    ]);
    expect(met.state.decisions[0].signed).toBeUndefined();
    expect(met.state.decisions[0].inPublic).toBeUndefined();
    expect(proposalStatus(met.state, met.refs, '2018-01-01').positions).toEqual([
      expect.objectContaining({ bodyId: 'met-police', position: 'approved' }),
    ]);
  });

  it('moves what was pending with the police authorities to the PCCs on 22 November 2012', async () => {
    const summer = await viewAt(ledger, ALLIANCE_PROPOSAL, '2012-08-07');
    // Every member whose agreement the alliance's rule needs: the chief constables too (issue 16).
    expect(proposalStatus(summer.state, summer.refs, '2012-08-07').waitingFor.sort()).toEqual([
      'cc-bedfordshire',
      'cc-cambridgeshire',
      'cc-hertfordshire',
      'pa-bedfordshire',
      'pa-cambridgeshire',
      'pa-hertfordshire',
    ]);
    const after = await viewAt(ledger, ALLIANCE_PROPOSAL, '2012-11-23');
    const view = proposalStatus(after.state, after.refs, '2012-11-23');
    expect(view.waitingFor.sort()).toEqual([
      'cc-bedfordshire',
      'cc-cambridgeshire',
      'cc-hertfordshire',
      'pcc-bedfordshire',
      'pcc-cambridgeshire',
      'pcc-hertfordshire',
    ]);
    expect(view.positions.find((p) => p.bodyId === 'pcc-hertfordshire')?.standsFor).toEqual([
      'pa-hertfordshire',
    ]);
  });

  it('refuses a PCC decision dated before the PCCs took office, naming the rule', async () => {
    await expect(
      decideCommand(
        {
          type: 'RecordDecision',
          data: {
            proposalId: ALLIANCE_PROPOSAL,
            decisionId: 'early',
            bodyId: 'pcc-bedfordshire',
            outcome: 'reject',
            inPublic: true,
            rationale: 'x',
          },
        },
        { occurredAt: '2013-06-01', now: '2026-01-01' },
        async (s) => ({ events: ledger.events(s), revision: ledger.events(s).length - 1 }),
      ),
    ).rejects.toMatchObject({ rule: 'proposal-closed' });
  });
});
