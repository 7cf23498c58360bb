import { Test } from '@nestjs/testing';
import { CqrsModule } from '@nestjs/cqrs';
import { DomainRuleViolation, referenceRegisterId } from '@ledger/domain';
import {
  EVENT_STORE,
  PartlyAppended,
  SqliteEventStore,
  WrongExpectedRevision,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type StoredEvent,
  type StreamAppend,
} from '@ledger/event-store';
import { v4 as uuidv4 } from 'uuid';
import { CommandRunner, LEDGER_CLOCK } from './command-runner';
import type { RecordableCommand, RecordingContext } from './record.command';

/*
 * Issue 16: a decision's reference is unique per decision-maker and per term across proposals,
 * held by a register stream appended with the decision in one append. Olly is the PCC from
 * 2012-11-22; the PCC numbers its records PCC/D/{seq:3}.
 */

async function collect(iterable: AsyncIterable<StoredEvent>): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const e of iterable) out.push(e);
  return out;
}

const ctx = (occurredAt = '2013-02-01', extra: Partial<RecordingContext> = {}): RecordingContext => ({
  occurredAt,
  actor: 'clerk:test',
  source: { kind: 'decision-record', reference: 'test' },
  ...extra,
});
const WORLD: Array<[RecordableCommand, string]> = [
  [{ type: 'RegisterPerson', data: { personId: 'olly', name: 'Olly Martins' } }, '2012-11-22'],
  [
    {
      type: 'RegisterBody',
      data: {
        bodyId: 'pcc',
        name: 'PCC for Bedfordshire',
        classification: 'police-and-crime-commissioner',
        powers: 'decides',
        foundingDate: '2012-11-22',
        decisionReferenceFormat: 'PCC/D/{seq:3}',
      },
    },
    '2012-11-22',
  ],
  [
    {
      type: 'CreatePost',
      data: { bodyId: 'pcc', postId: 'commissioner', label: 'Commissioner', role: 'pcc' },
    },
    '2012-11-22',
  ],
  [
    {
      type: 'AppointOfficeHolder',
      data: {
        bodyId: 'pcc',
        membershipId: 'olly-2012',
        postId: 'commissioner',
        personId: 'olly',
        startDate: '2012-11-22',
      },
    },
    '2012-11-22',
  ],
  ...['p1', 'p2', 'p3'].map((proposalId): [RecordableCommand, string] => [
    {
      type: 'TableProposal',
      data: {
        proposalId,
        title: proposalId,
        description: 'd',
        scope: ['HR'],
        tabledBy: 'pcc',
        bodyId: 'pcc',
      },
    },
    '2013-01-02',
  ]),
];
const decision = (proposalId: string, decisionId: string, reference: string, outcome = 'approve') =>
  ({
    type: 'RecordDecision',
    data: {
      proposalId,
      decisionId,
      bodyId: 'pcc',
      personId: 'olly',
      postId: 'commissioner',
      outcome,
      reference,
      rationale: 'r',
    },
  }) as RecordableCommand;
const REGISTER = (reference: string) =>
  `decisionref-${referenceRegisterId({ bodyId: 'pcc', personId: 'olly', reference })}`;

/**
 * A store that appends to several streams one at a time, as EventStoreDB does, over SQLite; it
 * can be made to lose the next race on a stream, after the parts before it were written.
 */
class OneStreamAtATime {
  readonly atomicMultiStreamAppend = false;
  loseNextOn?: string;
  constructor(readonly inner: SqliteEventStore) {
    return new Proxy(this, {
      get: (target, key) => (key in target ? Reflect.get(target, key) : Reflect.get(inner, key, inner)),
    });
  }
  async appendToStreams(
    parts: readonly StreamAppend[],
    options: AppendOptions = {},
  ): Promise<AppendResult[]> {
    const results: AppendResult[] = [];
    for (const part of parts) {
      try {
        if (part.stream === this.loseNextOn) {
          this.loseNextOn = undefined;
          throw new WrongExpectedRevision(part.stream, part.expectedRevision ?? 'any', 99);
        }
        results.push(
          await this.inner.append(part.stream, part.events, {
            ...options,
            expectedRevision: part.expectedRevision,
          }),
        );
      } catch (error) {
        if (results.length > 0) throw new PartlyAppended(results, error);
        throw error;
      }
    }
    return results;
  }
}

async function runnerOn(store: EventStore): Promise<CommandRunner> {
  const moduleRef = await Test.createTestingModule({
    imports: [CqrsModule.forRoot()],
    providers: [
      CommandRunner,
      { provide: EVENT_STORE, useValue: store },
      { provide: LEDGER_CLOCK, useValue: () => new Date('2026-06-01T00:00:00Z') },
    ],
  }).compile();
  await moduleRef.init();
  return moduleRef.get(CommandRunner);
}

describe('decision references, unique across proposals (CommandRunner, embedded store)', () => {
  let store: SqliteEventStore;
  let runner: CommandRunner;
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (e: unknown) => e,
    );

  beforeEach(async () => {
    store = new SqliteEventStore({ path: ':memory:' });
    runner = await runnerOn(store);
    for (const [command, at] of WORLD) await runner.record(command, ctx(at));
  });
  afterEach(async () => store.close());

  it('lets exactly one of two concurrent decisions take a reference; the other is refused naming it, and nothing of it is written', async () => {
    const head = await store.head();
    const outcomes = await Promise.allSettled([
      runner.record(decision('p1', 'd1', 'PCC/D/032'), ctx()),
      runner.record(decision('p2', 'd2', 'PCC/D/032'), ctx()),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const lost = (outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult).reason;
    expect(lost).toBeInstanceOf(DomainRuleViolation);
    expect(lost.rule).toBe('decision-reference-taken');
    const [winner, loser] = outcomes[0].status === 'fulfilled' ? ['p1', 'p2'] : ['p2', 'p1'];
    const winnerId = winner === 'p1' ? 'd1' : 'd2';
    expect(lost.message).toContain(
      `PCC/D/032 is decision ${winnerId} of PCC for Bedfordshire in the same term (on proposal ${winner})`,
    );
    expect(lost.context).toMatchObject({ decisionId: winnerId, proposalId: winner });
    // The winner's decision and its reservation, nothing of the loser.
    expect(await store.head()).toBe(head + 2);
    expect((await collect(store.readStream(`proposal-${loser}`))).map((e) => e.type)).toEqual([
      'ProposalTabled',
    ]);
    const register = await collect(store.readStream(REGISTER('PCC/D/032')));
    expect(register.map((e) => [e.type, e.data])).toEqual([
      [
        'DecisionReferenceReserved',
        { bodyId: 'pcc', personId: 'olly', reference: 'PCC/D/032', proposalId: winner, decisionId: winnerId },
      ],
    ]);
    // Written together: one correlation, the reservation just before the decision.
    const [taken] = await collect(store.readStream(`proposal-${winner}`, { fromRevision: 1 }));
    expect(taken.position).toBe(register[0].position + 1);
    expect(register[0].metadata.correlationId).toBe(taken.metadata.correlationId);
  });

  it('refuses, later, the same reference on another proposal; another reference is free', async () => {
    await runner.record(decision('p1', 'd1', 'PCC/D/001'), ctx());
    const refused = await refusal(runner.record(decision('p2', 'd2', 'PCC/D/001'), ctx('2013-03-01')));
    expect(refused).toMatchObject({ rule: 'decision-reference-taken' });
    await runner.record(decision('p2', 'd2', 'PCC/D/002'), ctx('2013-03-01'));
  });

  it('keeps a rescinded decision’s reference', async () => {
    await runner.record(decision('p1', 'd1', 'PCC/D/001', 'reject'), ctx());
    await runner.record(
      {
        ...decision('p1', 'd2', 'PCC/D/002', 'rescind'),
        data: { ...decision('p1', 'd2', 'PCC/D/002', 'rescind').data, undoesDecisionId: 'd1' },
      } as RecordableCommand,
      ctx('2013-02-10'),
    );
    expect(await refusal(runner.record(decision('p2', 'd3', 'PCC/D/001'), ctx('2013-03-01')))).toMatchObject({
      rule: 'decision-reference-taken',
      message: expect.stringContaining('is decision d1'),
    });
  });

  it('frees the reference of a retracted entry, and moves it with a corrected one', async () => {
    const { events } = await runner.record(decision('p1', 'd1', 'PCC/D/001'), ctx());
    await runner.record(
      {
        type: 'RetractEvent',
        stream: 'proposal-p1',
        data: { eventId: events[0].id, reason: 'Wrong proposal' },
      },
      ctx('2013-02-02'),
    );
    await runner.record(decision('p2', 'd1', 'PCC/D/001'), ctx('2013-02-03'));
    expect((await collect(store.readStream(REGISTER('PCC/D/001')))).map((e) => e.type)).toEqual([
      'DecisionReferenceReserved',
      'EventRetracted',
      'DecisionReferenceReserved',
    ]);
    // Correct p2's reference to 002: 001 is free again, 002 taken.
    const [, recorded] = await collect(store.readStream('proposal-p2'));
    await runner.record(
      {
        type: 'CorrectEvent',
        stream: 'proposal-p2',
        data: { eventId: recorded.id, reason: 'The record reads 002', changes: { reference: 'PCC/D/002' } },
      },
      ctx('2013-02-04'),
    );
    expect(await refusal(runner.record(decision('p3', 'd3', 'PCC/D/002'), ctx('2013-02-05')))).toMatchObject({
      rule: 'decision-reference-taken',
    });
    await runner.record(decision('p3', 'd3', 'PCC/D/001'), ctx('2013-02-05'));
    // A correction to a reference held elsewhere is refused, and writes nothing.
    const head = await store.head();
    expect(
      await refusal(
        runner.record(
          {
            type: 'CorrectEvent',
            stream: 'proposal-p2',
            data: { eventId: recorded.id, reason: 'x', changes: { reference: 'PCC/D/001' } },
          },
          ctx('2013-02-06'),
        ),
      ),
    ).toMatchObject({ rule: 'decision-reference-taken', message: expect.stringContaining('is decision d3') });
    expect(await store.head()).toBe(head);
  });

  it('still checks decisions recorded before registers were kept, and after the ledger is exported and imported', async () => {
    // As an older version of the ledger wrote it: the decision alone, no reservation.
    const tabled = await store.streamInfo('proposal-p1');
    await store.append(
      'proposal-p1',
      [
        {
          id: uuidv4(),
          type: 'DecisionRecorded',
          data: decision('p1', 'old', 'PCC/D/007').data,
          metadata: {
            occurredAt: '2013-01-20',
            actor: 'clerk:old',
            source: { kind: 'minutes', reference: 'old' },
          },
        },
      ],
      { expectedRevision: tabled.revision },
    );
    expect(await refusal(runner.record(decision('p2', 'd2', 'PCC/D/007'), ctx()))).toMatchObject({
      rule: 'decision-reference-taken',
      message: expect.stringContaining(
        'PCC/D/007 is decision old of PCC for Bedfordshire in the same term (on proposal p1)',
      ),
    });
    const exported = await collect(store.readAll());
    const copy = new SqliteEventStore({ path: ':memory:' });
    try {
      await copy.importEvents(exported);
      const other = await runnerOn(copy);
      expect(await refusal(other.record(decision('p3', 'd3', 'PCC/D/007'), ctx()))).toMatchObject({
        rule: 'decision-reference-taken',
      });
      // Its reference corrected: the old one is free, the new one held (derived from the corrected decision).
      const old = exported.find((e) => e.type === 'DecisionRecorded')!;
      await other.record(
        {
          type: 'CorrectEvent',
          stream: 'proposal-p1',
          data: { eventId: old.id, reason: 'The record reads 008', changes: { reference: 'PCC/D/008' } },
        },
        ctx('2013-02-02'),
      );
      await other.record(decision('p3', 'd3', 'PCC/D/007'), ctx('2013-02-03'));
      expect(await refusal(other.record(decision('p2', 'd2', 'PCC/D/008'), ctx('2013-02-03')))).toMatchObject(
        {
          rule: 'decision-reference-taken',
        },
      );
    } finally {
      await copy.close();
    }
  });

  it('on a store that appends one stream at a time, undoes a reservation whose decision lost its race, then decides again', async () => {
    await store.close();
    const inner = new SqliteEventStore({ path: ':memory:' });
    const sequential = new OneStreamAtATime(inner);
    store = inner;
    runner = await runnerOn(sequential as unknown as EventStore);
    for (const [command, at] of WORLD) await runner.record(command, ctx(at));
    sequential.loseNextOn = 'proposal-p1';
    await runner.record(decision('p1', 'd1', 'PCC/D/001'), ctx());
    const register = await collect(inner.readStream(REGISTER('PCC/D/001')));
    expect(register.map((e) => e.type)).toEqual([
      'DecisionReferenceReserved',
      'EventRetracted',
      'DecisionReferenceReserved',
    ]);
    expect((register[1].data as { eventId: string }).eventId).toBe(register[0].id);
    expect((await collect(inner.readStream('proposal-p1'))).map((e) => e.type)).toEqual([
      'ProposalTabled',
      'DecisionRecorded',
    ]);
    expect(await refusal(runner.record(decision('p2', 'd2', 'PCC/D/001'), ctx()))).toMatchObject({
      rule: 'decision-reference-taken',
    });
  });
});
