import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { EventBus } from '@nestjs/cqrs';
import { currentSchemaVersion, decideCommand, streamOfCommand, toInstant } from '@ledger/domain';
import {
  EVENT_STORE,
  IdempotencyKeyReused,
  WrongExpectedRevision,
  type AppendOptions,
  type EventStore,
  type NewEvent,
  type StoredEvent,
} from '@ledger/event-store';
import { deterministicEventId } from './deterministic-id';
import { isValidatedCommand, validateCommand } from './dto/validate-command';
import { EventsRecorded } from './events-recorded.event';
import {
  contextSource,
  type RecordableCommand,
  type RecordingContext,
  type RecordResult,
} from './record.command';
import { StreamCache } from './stream-cache';

/** How many times a command that allows it is re-decided after losing a concurrency race. */
const MAX_ATTEMPTS = 5;

export const LEDGER_CLOCK = Symbol('LEDGER_CLOCK');

/**
 * The caller's own expected revision (HTTP If-Match) is not the stream's: a failed precondition
 * (412), where a race lost on a revision the runner read itself is a conflict (409).
 */
export class StaleRevision extends WrongExpectedRevision {
  override name = 'StaleRevision';
}
export type LedgerClock = () => Date;

/**
 * Load the stream, decide, append with the expected revision; retry on a conflict when the
 * command allows it. The rules are the domain's; this only moves events in and out of the store.
 */
@Injectable()
export class CommandRunner {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LEDGER_CLOCK) private readonly clock: LedgerClock,
    private readonly eventBus: EventBus,
  ) {
    this.streams = new StreamCache(store);
  }

  private readonly streams: StreamCache;

  async record(command: RecordableCommand, context: RecordingContext): Promise<RecordResult> {
    // Every entry point (HTTP, CLI, tests) is held to the same DTOs: nothing malformed reaches a
    // decider. The HTTP edge validates once, into a command that is not validated again here.
    if (!isValidatedCommand(command))
      command = validateCommand(
        command.type,
        'stream' in command ? { ...command.data, stream: command.stream } : command.data,
      );
    const target = streamOfCommand(command);
    const { stream } = target;
    const load = this.streams.loader();
    for (let attempt = 1; ; attempt++) {
      const own = await this.streams.read(stream);
      const { stored, revision } = own;
      const replay = context.idempotencyKey
        ? this.replayOf(stream, stored, context.idempotencyKey)
        : undefined;
      if (replay) {
        await this.assertSameRequest(context);
        return replay;
      }
      if (context.expectedRevision !== undefined && context.expectedRevision !== revision) {
        throw new StaleRevision(stream, context.expectedRevision, revision);
      }
      const decided = await decideCommand(
        command,
        { occurredAt: toInstant(context.occurredAt), now: this.clock().toISOString() },
        (s) => (s === stream ? Promise.resolve({ events: own.events, revision }) : load(s)),
        target,
      );
      const events: NewEvent[] = decided.events.map((e, i) => ({
        // Time-ordered ids keep the id indexes' inserts at their right edge.
        id: context.idempotencyKey ? deterministicEventId(context.idempotencyKey, i) : uuidv7(),
        type: e.type,
        schemaVersion: currentSchemaVersion(e.type),
        data: e.data,
        metadata: {
          occurredAt: context.occurredAt,
          actor: context.actor,
          source: contextSource(context),
          correlationId: context.correlationId,
          causationId: context.causationId ?? null,
        },
      }));
      try {
        const idempotency: AppendOptions['idempotency'] =
          context.idempotencyKey && context.fingerprint
            ? { key: context.idempotencyKey, fingerprint: context.fingerprint }
            : undefined;
        const appended = await this.store.append(stream, events, {
          expectedRevision: revision < 0 ? 'no_stream' : revision,
          idempotency,
        });
        const result: RecordResult = {
          stream,
          events: appended.events.map((a, i) => ({ ...a, type: events[i].type })),
          revision: appended.nextExpectedRevision,
          position: appended.position,
          replayed: appended.idempotentReplay,
        };
        this.eventBus.publish(new EventsRecorded(result));
        return result;
      } catch (error) {
        if (error instanceof WrongExpectedRevision && context.expectedRevision !== undefined)
          throw new StaleRevision(error.stream, context.expectedRevision, error.actual);
        const retry =
          error instanceof WrongExpectedRevision &&
          decided.retryOnConflict &&
          context.expectedRevision === undefined &&
          attempt < MAX_ATTEMPTS;
        if (!retry) throw error;
      }
    }
  }

  /** The key's events found: they answer this request only if it is the one that recorded them. */
  private async assertSameRequest(context: RecordingContext): Promise<void> {
    if (!context.fingerprint || !this.store.idempotencyFingerprint) return;
    const first = await this.store.idempotencyFingerprint(context.idempotencyKey!);
    if (first !== undefined && first !== context.fingerprint)
      throw new IdempotencyKeyReused(context.idempotencyKey!);
  }

  /** A request already recorded under this idempotency key: its first result, nothing written. */
  private replayOf(stream: string, stored: readonly StoredEvent[], key: string): RecordResult | undefined {
    const mine: StoredEvent[] = [];
    for (let i = 0; ; i++) {
      const id = deterministicEventId(key, i);
      const found = stored.find((e) => e.id === id);
      if (!found) break;
      mine.push(found);
    }
    if (mine.length === 0) return undefined;
    return {
      stream,
      events: mine.map(({ id, type, revision, position, hash }) => ({ id, type, revision, position, hash })),
      revision: mine[mine.length - 1].revision,
      position: mine[mine.length - 1].position,
      replayed: true,
    };
  }
}
