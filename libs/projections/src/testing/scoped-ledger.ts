import type { RecordableCommand } from '@ledger/recording';
import { Projector } from '../projector';
import { ReadModelDb } from '../read-model/read-model.db';
import { startLedger, type LedgerHarness } from './ledger-harness';

/** The story's Police and Crime Commissioners in 2013, by the body each holds: who meets and decides. */
export const PCC_OF = {
  'pcc-bedfordshire': 'olly-martins',
  'pcc-cambridgeshire': 'graham-bright',
  'pcc-hertfordshire': 'david-lloyd',
} as const;
export type PccBody = keyof typeof PCC_OF;

/**
 * The ledger the visibility specs record their scopes in: the story, then each command a minute
 * after the last on the store's clock, so every event has a recordedAt of its own (a `knownAt` cut
 * and a rebuild see them in the order recorded), with the reads those specs share. Made in a
 * `describe`, so its helpers can be named there; started in `beforeAll`, closed in `afterAll`.
 */
export function scopedLedger(reference: string) {
  let started: LedgerHarness | undefined;
  let clock = 0;
  const source = { kind: 'test', reference };
  const ledger = () => {
    if (!started) throw new Error('The scoped ledger is started in beforeAll, before it is used');
    return started;
  };
  /**
   * Records a command as a clerk, on `occurredAt` (`approximate`: a guess, as a report dated only
   * to its year gives it), a minute after the last one was recorded.
   */
  const record = async (command: RecordableCommand, occurredAt: string, approximate = false) => {
    clock += 60_000;
    ledger().setClock(new Date(clock).toISOString());
    return ledger().record(command, {
      occurredAt,
      ...(approximate ? { occurredAtApproximate: true } : {}),
      actor: 'clerk:spec',
      source,
    });
  };
  return {
    /** Starts the ledger with the story recorded: the clock goes on from the story's last entry. */
    start: async (): Promise<LedgerHarness> => {
      started = await startLedger();
      await started.recordStory();
      for await (const e of started.store.readAll())
        clock = Math.max(clock, Date.parse(e.metadata.recordedAt));
      return started;
    },
    record,
    /**
     * A meeting of the story's PCCs (`bodies`), scheduled in public or in private, and held on
     * `day` with each of them present: where the specs' decisions and votes are taken.
     */
    meeting: async (
      meetingId: string,
      isPublic: boolean,
      day: string,
      bodies: readonly PccBody[] = ['pcc-hertfordshire'],
    ) => {
      await record(
        {
          type: 'ScheduleMeeting',
          data: {
            meetingId,
            title: `Meeting ${meetingId}`,
            bodyIds: [...bodies],
            scheduledFor: day,
            public: isPublic,
          },
        },
        '2013-02-20T09:00:00Z',
      );
      const capacity = 'Police and Crime Commissioner';
      const attendees = bodies.map((bodyId) => ({ personId: PCC_OF[bodyId], bodyId, capacity }));
      await record({ type: 'RecordMeetingHeld', data: { meetingId, attendees } }, `${day}T10:00:00Z`);
    },
    /** A query's answer, untyped: the specs read what they assert on. */
    ask: (query: object) => ledger().queries.execute<never, any>(query as never),
    /** The first event of `type` in `stream`. */
    eventOf: async (stream: string, type: string) => {
      for await (const e of ledger().store.readStream(stream, { types: [type] })) return e;
      throw new Error(`no ${type} in ${stream}`);
    },
    /** The event that recorded a decision of a proposal. */
    decisionEvent: async (proposalId: string, decisionId: string) => {
      for await (const e of ledger().store.readStream(`proposal-${proposalId}`, {
        types: ['DecisionRecorded'],
      }))
        if ((e.data as { decisionId: string }).decisionId === decisionId) return e;
      throw new Error(`no decision ${decisionId} of ${proposalId}`);
    },
    /** Whether the public may see an event, as the read models judged it. */
    isPublic: (position: number) => ledger().projections.readModels.publicEvents().isPublic(position),
    /**
     * Runs `check` on a generation rebuilt from scratch from the whole log, then drops it: what a
     * rebuild makes of the log must be what the incremental projector made of it.
     */
    withRebuilt: async <T>(check: (rebuilt: ReadModelDb) => T | Promise<T>): Promise<T> => {
      const rebuilt = ReadModelDb.open(':memory:', 90);
      try {
        await new Projector(rebuilt, ledger().store).rebuildFromScratch();
        return await check(rebuilt);
      } finally {
        rebuilt.close();
      }
    },
    close: async () => {
      await started?.close();
    },
  };
}

/** Every projected row but rm_meta's (the checkpoint and version, which differ by generation). */
export function projectedRows(rm: ReadModelDb) {
  const { rm_meta: _meta, ...rest } = rm.dump();
  return rest;
}
