import { createHash } from 'node:crypto';
import type { Decider, DomainEvent, Recorded } from '../shared/decider';

/**
 * The register of decision references: one stream per body, decision-maker and reference
 * (`decisionref-<body>.<person>.<reference>`), holding which decisions took that reference.
 * A decision that takes a reference appends its reservation there in the same append as the
 * decision itself, at the register's revision it read (`no_stream` for the first): of two
 * decisions taking the same reference on two proposals at once, one append fails, and the
 * retried decision then finds the reference taken (decision.rules.ts, `decision-reference-taken`).
 *
 * The term is not part of the stream: it is worked out from the body's terms of office on each
 * holder's date, as for the decision itself, so one stream serves the decision-maker's every term.
 * A reservation is released by retracting it (a generic EventRetracted in the register), which
 * the ledger does when the decision's entry is retracted or its reference corrected away; a
 * rescission never releases it.
 */
export const REFERENCE_REGISTER = 'decisionref';

/** What a reference is unique for: a body's decision-maker (or the body, when no person decided). */
export interface ReferenceKey {
  bodyId: string;
  personId?: string;
  reference: string;
}

export type DecisionReferenceEvent = DomainEvent<
  'DecisionReferenceReserved',
  ReferenceKey & { proposalId: string; decisionId: string }
>;

/** A decision holding a reference: where it is, its date, and the reservation that says so. */
export interface ReferenceHolder {
  proposalId: string;
  decisionId: string;
  /** The decision's date: its term of office is the decision-maker's on that date. */
  date: string;
  /** The reservation event; a derived one (an older decision, recorded before registers) is not stored. */
  eventId: string;
  derived: boolean;
}

export interface ReferenceRegisterState {
  exists: boolean;
  holders: ReferenceHolder[];
}

declare module '../shared/decider' {
  interface AggregateStates {
    decisionref: ReferenceRegisterState;
  }
}

/** The id of a reservation derived from a decision recorded without one: never stored. */
const DERIVED = 'derived:';

/** Letters, digits, `_` and `-` stay; anything else is `:` and its UTF-8 bytes in hex. */
const escapeSegment = (value: string) =>
  [...value]
    .map((ch) =>
      /[A-Za-z0-9_-]/.test(ch)
        ? ch
        : [...new TextEncoder().encode(ch)]
            .map((b) => `:${b.toString(16).toUpperCase().padStart(2, '0')}`)
            .join(''),
    )
    .join('');

const STREAM_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,190}$/;

/**
 * The register's stream id: `<body>.<person>.<reference>`, each escaped (readable in an export:
 * `pcc-herts.david-lloyd.PCC:2FD:2F032`), or `h.<SHA-256>` of the three when that would be too long.
 */
export function referenceRegisterId({ bodyId, personId, reference }: ReferenceKey): string {
  const readable = [bodyId, personId ?? '', reference].map(escapeSegment).join('.');
  if (STREAM_ID.test(readable)) return readable;
  const hash = createHash('sha256')
    .update(JSON.stringify([bodyId, personId ?? null, reference]))
    .digest('hex');
  return `h.${hash}`;
}

/** A decision that takes a reference, as a register derived from the store knows it. */
export interface ReferencedDecision {
  eventId: string;
  occurredAt: string;
  proposalId: string;
  decisionId: string;
  bodyId: string;
  personId?: string;
  reference: string;
}

/**
 * The reservation a decision recorded without one would have: how a register is derived for a
 * ledger whose decisions were recorded before registers were kept. Not stored; its id says so.
 */
export function derivedReservation(decision: ReferencedDecision): Recorded<DecisionReferenceEvent> {
  const { eventId, occurredAt, ...data } = decision;
  return {
    type: 'DecisionReferenceReserved',
    id: `${DERIVED}${eventId}`,
    occurredAt,
    data: {
      bodyId: data.bodyId,
      ...(data.personId !== undefined ? { personId: data.personId } : {}),
      reference: data.reference,
      proposalId: data.proposalId,
      decisionId: data.decisionId,
    },
  };
}

const initialReferenceRegister = (): ReferenceRegisterState => ({ exists: false, holders: [] });

/** Each reservation adds its decision; a decision reserving again (a retry) is listed again. */
function evolveReferenceRegister(
  state: ReferenceRegisterState,
  event: Recorded<DecisionReferenceEvent>,
): ReferenceRegisterState {
  if (event.type !== 'DecisionReferenceReserved') return state;
  const { proposalId, decisionId } = event.data;
  const holder: ReferenceHolder = {
    proposalId,
    decisionId,
    date: event.occurredAt,
    eventId: event.id,
    derived: event.id.startsWith(DERIVED),
  };
  return { exists: true, holders: [...state.holders, holder] };
}

/**
 * The register as a fold: it takes no command of its own (its entries are written beside the
 * decisions that take a reference, see proposal.decider.ts), so `decide` refuses everything.
 */
export const referenceRegister: Pick<
  Decider<ReferenceRegisterState, never, DecisionReferenceEvent>,
  'category' | 'initialState' | 'evolve'
> = {
  category: REFERENCE_REGISTER,
  initialState: initialReferenceRegister,
  evolve: evolveReferenceRegister,
};
