import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { EventBus } from '@nestjs/cqrs';
import { currentSchemaVersion, decideCommand, streamOfCommand } from '@ledger/domain';
import {
  EVENT_STORE,
  IdempotencyKeyReused,
  PartlyAppended,
  WrongExpectedRevision,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type NewEvent,
  type NewEventMetadata,
  type StoredEvent,
} from '@ledger/event-store';
import { DerivedReferenceRegisters } from './derived-references';
import { deterministicEventId } from './deterministic-id';
import { NamedRecordsIndex } from './named-records-index';
import { isValidatedCommand, validateCommand } from './dto/validate-command';
import { EventsRecorded } from './events-recorded.event';
import {
  contextSource,
  type RecordableCommand,
  type RecordingContext,
  type RecordResult,
} from './record.command';
import { RecordingGate } from './recording-gate';
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
    this.registers = new DerivedReferenceRegisters(store);
    this.named = new NamedRecordsIndex(store);
  }

  private readonly streams: StreamCache;
  private readonly registers: DerivedReferenceRegisters;
  private readonly named: NamedRecordsIndex;
  /** A retraction is decided with no other command in flight (recording-gate.ts). */
  private readonly gate = new RecordingGate();

  async record(command: RecordableCommand, context: RecordingContext): Promise<RecordResult> {
    return this.gate.through(command, () => this.decideAndAppend(command, context));
  }

  private async decideAndAppend(
    command: RecordableCommand,
    context: RecordingContext,
  ): Promise<RecordResult> {
    // Every entry point (HTTP, CLI, tests) is held to the same DTOs: nothing malformed reaches a
    // decider. The HTTP edge validates once, into a command that is not validated again here.
    if (!isValidatedCommand(command))
      command = validateCommand(
        command.type,
        'stream' in command ? { ...command.data, stream: command.stream } : command.data,
      );
    const target = streamOfCommand(command);
    const { stream } = target;
    // Registers (decision references) are read with the reservations derived for older decisions,
    // and a retraction reads the records naming its record from the index of what names what.
    const load = this.named.loader(this.registers.loader(this.streams.loader()));
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
        // As given: the domain compares dates by their instants itself (shared/time.ts), and a
        // refusal quotes the date the clerk gave, not a midnight it was expanded to.
        { occurredAt: context.occurredAt, now: this.clock().toISOString() },
        (s) => (s === stream ? Promise.resolve({ events: own.events, revision }) : load(s)),
        target,
      );
      const metadata: NewEventMetadata = {
        occurredAt: context.occurredAt,
        actor: context.actor,
        source: contextSource(context),
        correlationId: context.correlationId,
        causationId: context.causationId ?? null,
      };
      const toNew = (e: { type: string; data: unknown }, i?: number): NewEvent => ({
        // Time-ordered ids keep the id indexes' inserts at their right edge. A register's entries
        // always get new ids: a replay is found by the command's own events (replayOf), and an id
        // reused after a part-written append was undone would replay the undone reservation.
        id:
          context.idempotencyKey && i !== undefined
            ? deterministicEventId(context.idempotencyKey, i)
            : uuidv7(),
        type: e.type,
        schemaVersion: currentSchemaVersion(e.type),
        data: e.data,
        metadata,
      });
      const events: NewEvent[] = decided.events.map((e, i) => toNew(e, i));
      const alongside = decided.alongside.map((a) => ({
        stream: a.stream,
        events: a.events.map((e) => toNew(e)),
        expectedRevision: a.expectedRevision < 0 ? ('no_stream' as const) : a.expectedRevision,
      }));
      try {
        const idempotency: AppendOptions['idempotency'] =
          context.idempotencyKey && context.fingerprint
            ? { key: context.idempotencyKey, fingerprint: context.fingerprint }
            : undefined;
        const expectedRevision = revision < 0 ? ('no_stream' as const) : revision;
        // Registers first (on a store that is not atomic, a reservation is written before the
        // entry that takes it), the command's own stream last, in one append: all or nothing.
        const appended =
          alongside.length === 0
            ? await this.store.append(stream, events, { expectedRevision, idempotency })
            : await this.appendWith(alongside, { stream, events, expectedRevision }, idempotency, metadata);
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
        // Losing a register's race is never the caller's stale precondition: decide again, and
        // the register read again says who took the value (decision-reference-taken).
        const onRegister = error instanceof WrongExpectedRevision && error.stream !== stream;
        if (onRegister && attempt < MAX_ATTEMPTS) continue;
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

  /**
   * The command's own events with what it writes in registers, in one append (every part or
   * none), answering the own stream's result. A store that cannot append to several streams
   * atomically (EventStoreDB) may write the registers' parts and then fail on the own stream:
   * what it wrote in the registers is retracted, so that no reservation outlives the entry it was
   * for, and the own stream's error is thrown as if nothing had been written. Should the process
   * die in between, the reservation stays and holds the value for that very decision: recording
   * it again (same proposal and decision) takes it over, anything else is refused.
   */
  private async appendWith(
    alongside: Array<{ stream: string; events: NewEvent[]; expectedRevision: number | 'no_stream' }>,
    own: { stream: string; events: NewEvent[]; expectedRevision: number | 'no_stream' },
    idempotency: AppendOptions['idempotency'],
    metadata: NewEventMetadata,
  ): Promise<AppendResult> {
    // One correlation for the whole append: the request's, or the command's first event.
    const correlationId = metadata.correlationId ?? own.events[0].id;
    const correlated = <P extends { events: NewEvent[] }>(part: P): P => ({
      ...part,
      events: part.events.map((e) => ({ ...e, metadata: { ...e.metadata, correlationId } })),
    });
    try {
      const results = await this.store.appendToStreams([...alongside.map(correlated), correlated(own)], {
        idempotency,
      });
      return results[results.length - 1];
    } catch (error) {
      if (!(error instanceof PartlyAppended)) throw error;
      for (const written of error.written) {
        if (written.idempotentReplay) continue;
        await this.store.append(
          written.stream,
          written.events.map((e) => ({
            id: uuidv7(),
            type: 'EventRetracted',
            schemaVersion: currentSchemaVersion('EventRetracted'),
            data: {
              eventId: e.id,
              reason: `The entry it was written with was not recorded: ${
                error.cause instanceof Error ? error.cause.message : String(error.cause)
              }`,
            },
            metadata,
          })),
        );
      }
      throw error.cause;
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
