import { Test } from '@nestjs/testing';
import { CqrsModule } from '@nestjs/cqrs';
import {
  fold,
  proposalDecider,
  resolveReferences,
  proposalStatus,
  upcast,
  toRecorded,
  ALLIANCE_PROPOSAL,
  HERTS_PROPOSAL,
  PCC_MEETING,
  STRATEGIC_ALLIANCE_STORY,
} from '@ledger/domain';
import {
  EVENT_STORE,
  isApproximate,
  SqliteEventStore,
  sourcesOf,
  WrongExpectedRevision,
  type StoredEvent,
} from '@ledger/event-store';
import { CommandRunner, LEDGER_CLOCK } from './command-runner';
import type { RecordableCommand, RecordingContext } from './record.command';
import { storeLoader } from './stream-loader';
import { recordStory } from './testing/record-story';

async function collect(iterable: AsyncIterable<StoredEvent>): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const e of iterable) out.push(e);
  return out;
}

describe('recording through the CommandRunner onto the embedded store', () => {
  let store: SqliteEventStore;
  let runner: CommandRunner;
  let clock: string;
  const record = (command: RecordableCommand, context: RecordingContext) => runner.record(command, context);
  const ctx = (extra: Partial<RecordingContext> = {}): RecordingContext => ({
    occurredAt: '2012-03-01',
    actor: 'clerk:test',
    source: { kind: 'minutes', reference: 'test' },
    ...extra,
  });

  beforeEach(async () => {
    clock = '2026-01-01T00:00:00Z';
    store = new SqliteEventStore({ path: ':memory:', clock: () => new Date(clock) });
    const moduleRef = await Test.createTestingModule({
      imports: [CqrsModule.forRoot()],
      providers: [
        CommandRunner,
        { provide: EVENT_STORE, useValue: store },
        { provide: LEDGER_CLOCK, useValue: () => new Date('2026-06-01T00:00:00Z') },
      ],
    }).compile();
    await moduleRef.init();
    runner = moduleRef.get(CommandRunner);
  });
  afterEach(async () => store.close());

  it('replays the whole story, every event attributed and sourced, recordedAt from the store clock', async () => {
    const results = await recordStory(record, store, { setClock: (iso) => (clock = iso) });
    expect(results).toHaveLength(STRATEGIC_ALLIANCE_STORY.length);
    const events = await collect(store.readAll());
    expect(events).toHaveLength(STRATEGIC_ALLIANCE_STORY.length);
    for (const [i, e] of events.entries()) {
      expect(e.metadata.actor).toBe('clerk:story');
      const step = STRATEGIC_ALLIANCE_STORY[i];
      expect(sourcesOf(e.metadata)).toEqual(step.sources);
      expect(isApproximate(e.metadata)).toBe(step.occurredAtApproximate === true);
      // The date is stored as given: a day stays a day, never a fake midnight.
      expect(e.metadata.occurredAt).toBe(
        step.occurredAt.length <= 10 ? step.occurredAt : new Date(step.occurredAt).toISOString(),
      );
      expect(e.metadata.recordedAt).toBe(new Date(STRATEGIC_ALLIANCE_STORY[i].recordedAt).toISOString());
    }
    const load = storeLoader(store);
    const { events: recorded, revision } = await load(`proposal-${ALLIANCE_PROPOSAL}`);
    const folded = fold(proposalDecider, recorded, revision);
    const refs = await resolveReferences([{ kind: 'proposal', id: ALLIANCE_PROPOSAL }], load);
    const view = proposalStatus(folded.state, refs, '2014-01-01');
    expect(view).toMatchObject({ status: 'discontinued', unanimous: true });
    expect(folded.state.decisions.map((d) => d.personId)).toEqual([
      'david-lloyd',
      'graham-bright',
      'olly-martins',
    ]);
  });

  it('writes nothing when a rule refuses the command', async () => {
    await recordStory(record, store);
    const head = await store.head();
    await expect(
      record(
        {
          type: 'RecordDecision',
          data: {
            proposalId: ALLIANCE_PROPOSAL,
            decisionId: 'x',
            bodyId: 'jwg',
            outcome: 'approve',
            inPublic: true,
            rationale: 'x',
          },
        },
        ctx({ occurredAt: '2012-09-01' }),
      ),
      // The proposal's own rule is reported before the record's order (it was taken forward since).
    ).rejects.toMatchObject({ rule: 'proposal-closed' });
    await expect(
      record(
        {
          type: 'RegisterBody',
          data: {
            bodyId: 'future',
            name: 'F',
            classification: 'other',
            powers: 'decides',
            foundingDate: '2030-01-01',
          },
        },
        ctx({ occurredAt: '2030-01-01' }),
      ),
    ).rejects.toMatchObject({ rule: 'date-in-future' });
    expect(await store.head()).toBe(head);
  });

  it("quotes the command's date as given in a refusal, never as a fake midnight", async () => {
    const post = (postId: string) =>
      ({
        type: 'CreatePost',
        data: { bodyId: 'pa', postId, label: postId, role: postId },
      }) as RecordableCommand;
    await record(
      {
        type: 'RegisterBody',
        data: { bodyId: 'pa', name: 'PA', classification: 'other', powers: 'decides', foundingDate: '2000' },
      },
      ctx({ occurredAt: '2020-01-02' }),
    );
    await record(post('chair'), ctx({ occurredAt: '2020-01-02' }));
    const refused = record(post('clerk'), ctx({ occurredAt: '2019-01-01' }));
    await expect(refused).rejects.toMatchObject({ rule: 'date-goes-backwards' });
    await expect(refused).rejects.toThrow(/happened at 2020-01-02, after 2019-01-01:/);
  });

  it('returns the first result for a retried request, even one the rules would now refuse', async () => {
    const command = {
      type: 'RegisterBody',
      data: {
        bodyId: 'pa-x',
        name: 'X',
        classification: 'police-authority',
        powers: 'decides',
        foundingDate: '1995-04-01',
      },
    } as const;
    const first = await record(command, ctx({ idempotencyKey: 'key-1' }));
    const again = await record(command, ctx({ idempotencyKey: 'key-1' }));
    expect(again).toEqual({ ...first, replayed: true });
    expect(await store.head()).toBe(1);
    await expect(record(command, ctx({ idempotencyKey: 'key-2' }))).rejects.toMatchObject({
      rule: 'already-exists',
    });
  });

  it('refuses a write made against a revision the caller has not seen', async () => {
    const command = {
      type: 'RegisterBody',
      data: {
        bodyId: 'pa-y',
        name: 'Y',
        classification: 'police-authority',
        powers: 'decides',
        foundingDate: '1995-04-01',
      },
    } as const;
    await record(command, ctx());
    const post = {
      type: 'CreatePost',
      data: { bodyId: 'pa-y', postId: 'chair', label: 'Chair', role: 'chair' },
    } as const;
    await expect(record(post, ctx({ expectedRevision: 3 }))).rejects.toBeInstanceOf(WrongExpectedRevision);
    await expect(record(post, ctx({ expectedRevision: 0 }))).resolves.toMatchObject({ revision: 1 });
  });

  it('lets concurrent decisions on one proposal all land, by re-deciding after a conflict', async () => {
    const steps = STRATEGIC_ALLIANCE_STORY.filter(
      (s) => !(s.command.type === 'RecordDecision' && s.command.data.proposalId === ALLIANCE_PROPOSAL),
    );
    const upToMeeting = steps.slice(
      0,
      steps.findIndex((s) => s.command.type === 'DiscontinueProposal'),
    );
    await recordStory(record, store, { steps: upToMeeting });
    const decisions = STRATEGIC_ALLIANCE_STORY.filter(
      (s) => s.command.type === 'RecordDecision' && s.command.data.proposalId === ALLIANCE_PROPOSAL,
    );
    const results = await Promise.all(
      decisions.map((s) =>
        runner.record(s.command, { occurredAt: s.occurredAt, actor: 'clerk:a', sources: s.sources }),
      ),
    );
    expect(new Set(results.map((r) => r.revision)).size).toBe(3);
    const stored = (await collect(store.readStream(`proposal-${ALLIANCE_PROPOSAL}`))).filter(
      (e) => e.type === 'DecisionRecorded',
    );
    expect(stored).toHaveLength(3);
  });

  it('records a whole vote on the embedded store: opened, cast, closed with its result', async () => {
    await recordStory(record, store);
    const at = (occurredAt: string) => ctx({ occurredAt });
    await record(
      {
        type: 'OpenVote',
        data: {
          voteEventId: 'herts-vote',
          proposalId: HERTS_PROPOSAL,
          meetingId: PCC_MEETING,
          question: 'Pursue outsourcing?',
          bodyId: 'pcc-hertfordshire',
        },
      },
      at('2013-02-10'),
    );
    await record(
      {
        type: 'CastVote',
        data: {
          voteEventId: 'herts-vote',
          personId: 'david-lloyd',
          bodyId: 'pcc-hertfordshire',
          option: 'yes',
        },
      },
      at('2013-02-10'),
    );
    await expect(
      record(
        {
          type: 'CastVote',
          data: {
            voteEventId: 'herts-vote',
            personId: 'david-lloyd',
            bodyId: 'pcc-hertfordshire',
            option: 'no',
          },
        },
        at('2013-02-10'),
      ),
    ).rejects.toMatchObject({ rule: 'double-vote' });
    await record({ type: 'CloseVote', data: { voteEventId: 'herts-vote' } }, at('2013-02-10'));
    const events = await collect(store.readStream('vote-herts-vote'));
    expect(events.map((e) => e.type)).toEqual(['VoteOpened', 'VoteCast', 'VoteClosed']);
    expect(events[2].data).toMatchObject({ result: 'passed', counts: { yes: 1, no: 0 } });
  });

  it('upcasts an event stored in an older schema when it is read', async () => {
    await store.append('proposal-old', [
      {
        id: '7f1c2d0e-4b7a-4e43-9d0f-2a1f3c5b6d7e',
        type: 'ProposalTabled',
        schemaVersion: 1,
        data: {
          proposalId: 'old',
          title: 'Old',
          description: 'An early entry',
          scope: 'HR, finance ,ICT',
          tabledBy: 'jwg',
          allianceId: 'a',
        },
        metadata: {
          occurredAt: '2011-01-01',
          actor: 'clerk:legacy',
          source: { kind: 'minutes', reference: 'legacy' },
        },
      },
    ]);
    const [stored] = await collect(store.readStream('proposal-old'));
    expect(stored.schemaVersion).toBe(1);
    expect((toRecorded(stored).data as { scope: string[] }).scope).toEqual(['HR', 'finance', 'ICT']);
    expect(upcast('ProposalTabled', 2, { scope: ['x'] })).toEqual({ scope: ['x'] });
  });
});
