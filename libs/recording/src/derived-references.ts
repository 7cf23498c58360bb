import {
  derivedReservation,
  REFERENCE_REGISTER,
  referenceRegisterId,
  toRecorded,
  type DecisionReferenceEvent,
  type ProposalEvent,
  type ReferencedDecision,
  type Recorded,
  type StreamLoader,
} from '@ledger/domain';
import type { EventStore } from '@ledger/event-store';

type DecisionData = Extract<ProposalEvent, { type: 'DecisionRecorded' }>['data'];

/** A decision with a reference, as the ledger now holds it (corrections applied). */
interface IndexedDecision extends Omit<ReferencedDecision, 'reference'> {
  /** Absent when the decision has none, or a correction took it away. */
  reference?: string;
  retracted: boolean;
}

const REGISTER_PREFIX = `${REFERENCE_REGISTER}-`;

/** A reference as the rule reads it: text, or a number a correction gave (read as its text). */
const asText = (value: unknown): string | undefined =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;

/**
 * The registers of decision references, derived for decisions recorded before registers were kept
 * (an older ledger, or one imported from an older export): every decision the store holds with a
 * reference, its corrections and retraction applied, indexed by register. A register is read as its
 * stored reservations plus a derived one (decision-references.ts, `derivedReservation`) for each such
 * decision it does not list, so the rule sees them all.
 *
 * Built from the store itself, not the read models: it is caught up to the store's head each time
 * a register is read (an indexed read of the decision and correction events since the last time),
 * so a decision committed before the command began is never missed, whatever the projections are
 * doing, in the API and in the CLI alike. Decisions recorded from now on have stored reservations;
 * this only serves the older ones, which are all committed. (An older version of the ledger
 * writing decisions at the same time as this one is not guarded: upgrade every instance.)
 */
export class DerivedReferenceRegisters {
  private position = 0;
  private readonly decisions = new Map<string, IndexedDecision>();
  private readonly byRegister = new Map<string, Set<string>>();
  private catching?: Promise<void>;

  constructor(private readonly store: EventStore) {}

  /** A loader that reads registers with their derived reservations, every other stream as `load` does. */
  loader(load: StreamLoader): StreamLoader {
    return async (stream) => {
      if (!stream.startsWith(REGISTER_PREFIX)) return load(stream);
      const [stored, derived] = await Promise.all([
        load(stream),
        this.reservations(stream.slice(REGISTER_PREFIX.length)),
      ]);
      const listed = new Set(
        stored.events
          .filter((e) => e.type === 'DecisionReferenceReserved')
          .map((e) => {
            const d = (e as Recorded<DecisionReferenceEvent>).data;
            return `${d.proposalId}\u0000${d.decisionId}`;
          }),
      );
      const missing = derived.filter((e) => !listed.has(`${e.data.proposalId}\u0000${e.data.decisionId}`));
      return missing.length === 0
        ? stored
        : { events: [...missing, ...stored.events], revision: stored.revision };
    };
  }

  /** The reservations derived for a register's decisions, the index caught up to the store's head. */
  async reservations(registerId: string): Promise<Array<Recorded<DecisionReferenceEvent>>> {
    await this.catchUp();
    return [...(this.byRegister.get(registerId) ?? [])].map((eventId) => {
      const d = this.decisions.get(eventId)!;
      return derivedReservation({ ...d, reference: d.reference! });
    });
  }

  /** One reader at a time; a caller arriving meanwhile waits for it, then reads what came since. */
  private async catchUp(): Promise<void> {
    while (this.catching) await this.catching;
    this.catching = this.read().finally(() => (this.catching = undefined));
    return this.catching;
  }

  private async read(): Promise<void> {
    // From the last position read, inclusive (EventStoreDB takes only positions it gave): it is skipped.
    for await (const stored of this.store.readAll({
      fromPosition: this.position,
      types: ['DecisionRecorded', 'EventCorrected', 'EventRetracted'],
      streamPrefix: 'proposal-',
    })) {
      if (stored.position <= this.position && this.position > 0) continue;
      this.apply(toRecorded(stored), stored.stream);
      this.position = stored.position;
    }
  }

  private apply(event: Recorded, stream: string): void {
    if (event.type === 'DecisionRecorded') {
      const d = event.data as DecisionData;
      this.put({
        eventId: event.id,
        occurredAt: event.occurredAt,
        proposalId: d.proposalId ?? stream.slice('proposal-'.length),
        decisionId: d.decisionId,
        bodyId: d.bodyId,
        ...(d.personId !== undefined ? { personId: d.personId } : {}),
        reference: asText(d.reference),
        retracted: false,
      });
      return;
    }
    const { eventId, changes } = event.data as { eventId: string; changes?: Record<string, unknown> };
    const target = this.decisions.get(eventId);
    if (!target) return; // a correction of something else than a decision
    if (event.type === 'EventRetracted') this.put({ ...target, retracted: true });
    else if (changes && 'reference' in changes)
      this.put({
        ...target,
        reference: asText(changes.reference),
      });
  }

  /** Keeps a decision, moved to the register of its reference as it now stands (none when retracted). */
  private put(decision: IndexedDecision): void {
    const before = this.decisions.get(decision.eventId);
    if (before) this.byRegister.get(this.registerOf(before) ?? '')?.delete(before.eventId);
    const register = this.registerOf(decision);
    if (!register) {
      this.decisions.delete(decision.eventId);
      if (!decision.retracted) this.decisions.set(decision.eventId, decision); // corrections may add one later
      return;
    }
    this.decisions.set(decision.eventId, decision);
    let ids = this.byRegister.get(register);
    if (!ids) this.byRegister.set(register, (ids = new Set()));
    ids.add(decision.eventId);
  }

  private registerOf(d: IndexedDecision): string | undefined {
    if (d.retracted || d.reference === undefined) return undefined;
    return referenceRegisterId({
      bodyId: d.bodyId,
      ...(d.personId !== undefined ? { personId: d.personId } : {}),
      reference: d.reference,
    });
  }
}
