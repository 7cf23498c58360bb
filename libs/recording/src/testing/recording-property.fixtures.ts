/**
 * What the recording.property.*.spec.ts files share: the world they run commands on, the
 * arbitraries of commands, a runner over that world, and the invariants of issue 16.
 */
import fc from 'fast-check';
import { Test } from '@nestjs/testing';
import { CqrsModule } from '@nestjs/cqrs';
import {
  DECIDERS,
  DECISION_OUTCOMES,
  fold,
  type AggregateKind,
  type Decider,
  type DomainCommand,
  type DeclaredInterest,
  type DomainEvent,
  type BodyState,
  type DecisionEntry,
  type SpokenBy,
  officeHeldOn,
  toRecorded,
  ALLIANCE_PROPOSAL,
  STRATEGIC_ALLIANCE_STORY,
} from '@ledger/domain';
import { EVENT_STORE, SqliteEventStore, type StoredEvent } from '@ledger/event-store';
import { CommandRunner, LEDGER_CLOCK } from '../command-runner';
import type { RecordableCommand } from '../record.command';

export type AnyDecider = Decider<any, DomainCommand, DomainEvent>;
export const NOW = new Date('2026-06-01T00:00:00Z');

/**
 * Commands on a world where the story's first 40 steps are recorded, and a proposal of
 * Cambridgeshire's PCC of its own, so that one decision-maker decides on two proposals (and
 * references are taken across them): many valid, many not.
 */
const CAMBS_PROPOSAL = 'cambs-own';
const world = [
  ...STRATEGIC_ALLIANCE_STORY.slice(0, 40)
    .filter((s) => !('stream' in s.command))
    .map((s) => ({ command: s.command, occurredAt: s.occurredAt })),
  {
    command: {
      type: 'TableProposal',
      data: {
        proposalId: CAMBS_PROPOSAL,
        title: 'Cambridgeshire on its own',
        description: 'd',
        scope: ['HR'],
        tabledBy: 'pcc-cambridgeshire',
        bodyId: 'pcc-cambridgeshire',
      },
    } as RecordableCommand,
    occurredAt: '2012-11-23',
  },
];
const bodies = [
  'pa-bedfordshire',
  'cc-hertfordshire',
  'jwg',
  'g4s',
  'pcc-cambridgeshire',
  'pa-surrey',
  'nobody',
];
const people = ['graham-bright', 'david-lloyd', 'olly-martins', 'nobody'];
const dates = ['2012-03-02', '2012-08-07', '2012-11-23', '2013-01-31', '2013-06-01', '2031-01-01'];

export const command: fc.Arbitrary<{ command: RecordableCommand; occurredAt: string }> = fc
  .record({
    pick: fc.nat(9),
    proposalId: fc.constantFrom(ALLIANCE_PROPOSAL, CAMBS_PROPOSAL),
    // Issue 16: what a source may not state. A meeting's publicity (absent: not stated), a date
    // at any precision, and whether it is a guess (a guess without its date is refused).
    publicity: fc.constantFrom<boolean | undefined>(true, false, undefined),
    when: fc.constantFrom(undefined, '2012', '2013-01', '2013-01-31', '2013-01-31T10:00:00Z', '2013-13'),
    approximate: fc.option(fc.boolean(), { nil: undefined }),
    body: fc.constantFrom(...bodies),
    person: fc.constantFrom(...people),
    at: fc.constantFrom(...dates),
    n: fc.nat(3),
    amount: fc.integer({ min: -5, max: 10_000 }),
    // Who spoke for whom (issue 16): any body and person, so many are spoken for out of office.
    speaker: fc.option(
      fc.record({ forBodyId: fc.constantFrom(...bodies), forPersonId: fc.constantFrom(...people) }),
      {
        nil: undefined,
      },
    ),
    outcome: fc.constantFrom(...DECISION_OUTCOMES),
    // Issue 16's decision record: a stage, an earlier decision undone, a reference, an interest, an annex.
    record: fc.record(
      {
        stage: fc.constantFrom('in-principle' as const, 'final' as const),
        undoesDecisionId: fc.constantFrom('d0', 'd1'),
        reference: fc.constantFrom('PCC/D/001', 'PCC/D/002', 'PCC/D/003'),
        interests: fc.constantFrom<DeclaredInterest[]>([
          { personId: 'graham-bright', type: 'pecuniary', description: 'shares' },
        ]),
        exemptAnnex: fc.record({
          paragraph: fc.integer({ min: 0, max: 8 }),
          title: fc.constant('t'),
          content: fc.constant('c'),
        }),
      },
      { requiredKeys: [] },
    ),
  })
  .map(
    ({
      pick,
      proposalId,
      body,
      person,
      at,
      n,
      amount,
      speaker,
      outcome,
      record,
      publicity,
      when,
      approximate,
    }) => {
      const commands: RecordableCommand[] = [
        {
          type: 'RecordDecision',
          data: {
            proposalId,
            decisionId: `d${n}`,
            bodyId: body,
            personId: person,
            postId: 'commissioner',
            outcome: outcome,
            inPublic: true,
            rationale: 'r',
            ...record,
          },
        },
        {
          type: 'IssueRecommendation',
          data: {
            proposalId,
            recommendationId: `r${n}`,
            byBodyId: body,
            toBodyIds: [bodies[n]],
            content: 'defer',
            rationale: 'r',
          },
        },
        {
          type: 'RecordClaim',
          data: {
            proposalId,
            claimId: `c${n}`,
            subject: 'other',
            amount,
            unit: 'GBP',
            qualifier: 'about',
            claimant: 'x',
            statement: 's',
            ...(speaker ? { spokenBy: { name: 'A speaker', ...speaker } } : {}),
          },
        },
        { type: 'DeferProposal', data: { proposalId, byBodyId: body, reason: 'later' } },
        {
          type: 'ReferProposal',
          data: { proposalId, byBodyId: body, toBodyIds: [bodies[n]], reason: 'for decision' },
        },
        {
          type: 'AddAgendaItem',
          data: {
            meetingId: 'jwg-g4s-meeting',
            itemId: `i${n}`,
            title: 't',
            proposalId,
            exempt: n % 2 === 0,
            ...(n === 2 ? { exemptionReason: 'commercial' } : {}),
          },
        },
        { type: 'CreatePost', data: { bodyId: body, postId: `p${n}`, label: 'Member', role: 'member' } },
        { type: 'WithdrawProposal', data: { proposalId, byBodyId: body, reason: 'done' } },
        {
          type: 'ScheduleMeeting',
          data: {
            meetingId: `m${n}`,
            title: 't',
            bodyIds: [body],
            scheduledFor: when ?? '2013',
            ...(approximate !== undefined ? { scheduledForApproximate: approximate } : {}),
            ...(publicity !== undefined ? { public: publicity } : {}),
          },
        },
        {
          type: 'RegisterBody',
          data: {
            bodyId: `new-body-${n}`,
            name: 'A body',
            classification: 'other',
            powers: 'none',
            ...(when !== undefined ? { foundingDate: when } : {}),
            ...(approximate !== undefined ? { foundingDateApproximate: approximate } : {}),
          },
        },
      ];
      return { command: commands[pick], occurredAt: at };
    },
  );

/**
 * Decisions that take references (issue 16): one decision-maker (Cambridgeshire's PCC, or the
 * Chief Constable, or another PCC that cannot decide there), two proposals, three references,
 * deferrals (which any decision may follow), so that many are accepted and many collide.
 */
export const referenced: fc.Arbitrary<{ command: RecordableCommand; occurredAt: string }> = fc
  .record({
    proposalId: fc.constantFrom(ALLIANCE_PROPOSAL, CAMBS_PROPOSAL),
    decider: fc.constantFrom(
      { bodyId: 'pcc-cambridgeshire', personId: 'graham-bright' },
      { bodyId: 'pcc-hertfordshire', personId: 'david-lloyd' },
    ),
    n: fc.nat(5),
    reference: fc.constantFrom('PCC/D/001', 'PCC/D/002', 'PCC/D/003'),
    at: fc.constantFrom('2012-11-23', '2013-01-31', '2013-06-01'),
  })
  .map(({ proposalId, decider, n, reference, at }) => ({
    command: {
      type: 'RecordDecision',
      data: {
        proposalId,
        decisionId: `r${n}`,
        ...decider,
        postId: 'commissioner',
        outcome: 'defer',
        reference,
        rationale: 'r',
      },
    },
    occurredAt: at,
  }));

/** Payloads no DTO accepts: wrong types, unknown fields, missing fields. */
export const malformed: fc.Arbitrary<{ command: RecordableCommand; occurredAt: string }> = fc
  .record({
    type: fc.constantFrom('RecordDecision', 'RecordClaim', 'RegisterBody', 'ScheduleMeeting', 'CastVote'),
    data: fc.dictionary(fc.string({ maxLength: 8 }), fc.anything(), { maxKeys: 4 }),
  })
  .map(({ type, data }) => ({
    command: { type, data: { ...data, unknownField: true } } as unknown as RecordableCommand,
    occurredAt: '2012-09-01',
  }));

export const context = (occurredAt: string) => ({
  occurredAt,
  actor: 'clerk:prop',
  source: { kind: 'test', reference: 'property' },
});

/** A command runner on a fresh in-memory store holding the world above. */
/** The app's CommandRunner, as its module wires it, recording on `store` with the clock at NOW. */
export async function runnerOn(store: SqliteEventStore) {
  const moduleRef = await Test.createTestingModule({
    imports: [CqrsModule.forRoot()],
    providers: [
      CommandRunner,
      { provide: EVENT_STORE, useValue: store },
      { provide: LEDGER_CLOCK, useValue: () => NOW },
    ],
  }).compile();
  return { runner: moduleRef.get(CommandRunner), close: () => moduleRef.close() };
}

export async function runnerOverTheWorld() {
  const store = new SqliteEventStore({ path: ':memory:' });
  const { runner, close: closeModule } = await runnerOn(store);
  for (const step of world) await runner.record(step.command, context(step.occurredAt));
  const close = async () => {
    await closeModule();
    await store.close();
  };
  return { store, runner, close };
}

export async function collect(iterable: AsyncIterable<StoredEvent>): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const e of iterable) out.push(e);
  return out;
}

/**
 * The invariants of issue 16, on what the store accepted: no two standing entries of one
 * decision-maker in one term share a reference, whatever proposals they are on; and whoever a
 * claim was spoken for held an office in the body named on its date (spoken-for-not-office-holder).
 */
export async function expectIssue16Invariants(store: SqliteEventStore): Promise<void> {
  const streams = new Map<string, StoredEvent[]>();
  for (const e of await collect(store.readAll()))
    streams.set(e.stream, [...(streams.get(e.stream) ?? []), e]);
  const stateOf = <K extends AggregateKind>(kind: K, stream: string) =>
    fold(DECIDERS[kind] as AnyDecider, (streams.get(stream) ?? []).map(toRecorded)).state;
  const holders = new Map<string, string>();
  for (const stream of streams.keys()) {
    if (!stream.startsWith('proposal-')) continue;
    for (const d of stateOf('proposal', stream).decisions as DecisionEntry[]) {
      if (d.reference === undefined) continue;
      const body = stateOf('body', `body-${d.bodyId}`) as BodyState;
      const term = d.personId ? officeHeldOn(body, d.personId, d.date)?.membershipId : undefined;
      const key = JSON.stringify([d.bodyId, d.personId ?? null, term ?? null, d.reference]);
      const holder = `${stream}/${d.decisionId}`;
      expect([key, holders.get(key) ?? holder]).toEqual([key, holder]);
      holders.set(key, holder);
    }
    for (const e of streams.get(stream)!) {
      const spoken = e.type === 'ClaimRecorded' ? (e.data as { spokenBy?: SpokenBy }).spokenBy : undefined;
      if (!spoken?.forPersonId) continue;
      const body = stateOf('body', `body-${spoken.forBodyId}`) as BodyState;
      expect([e.id, officeHeldOn(body, spoken.forPersonId, toRecorded(e).occurredAt)]).toEqual([
        e.id,
        expect.anything(),
      ]);
    }
  }
}
