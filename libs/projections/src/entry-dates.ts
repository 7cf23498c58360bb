import {
  DECIDERS,
  toRecorded,
  type AggregateKind,
  type AggregateStates,
  type Decider,
  type DecisionEntry,
  type DomainCommand,
  type DomainEvent,
  type ProposalState,
  type Recorded,
  type RecommendationEntry,
} from '@ledger/domain';
import { isApproximate, type EventMetadata, type StoredEvent } from '@ledger/event-store';

/*
 * Some dates a read gives are an entry's own `occurredAt`: the day a meeting was held (its
 * MeetingHeld entry's), the day a proposal was tabled, the day it was closed and the day a member
 * took it forward on its own (the entries that did), the date of each recommendation and decision of a proposal (its own entry's).
 * Whether such a date is a guess is the entry's `occurredAtApproximate`, in its metadata, which
 * the domain's states never see (toRecorded passes only the date). So the read side folds every
 * stream with the flag on the entry (recordedForReads) and sets it on the state beside the date
 * (readFolder): every read drawn from a state (now, at a cut, a list, a register's row, a
 * reference to a meeting, an export) then says the same, and the rebuild folds exactly as the
 * live projector does. Corrections cannot change an entry's metadata, so neither can they this flag.
 */

/** The read-side state's flag each entry sets, by the entry's type. */
const FLAG_OF: Readonly<Record<string, string>> = {
  MeetingHeld: 'heldOnApproximate',
  ProposalTabled: 'tabledAtApproximate',
  ProposalWithdrawn: 'closedAtApproximate',
  ProposalDiscontinued: 'closedAtApproximate',
  ProposalSuperseded: 'closedAtApproximate',
  ProposalTakenForwardByMember: 'takenForwardAtApproximate',
};

/**
 * The proposal's lists whose entries an entry of this type adds, each with its date: the entry
 * it adds carries `dateApproximate: true` when its date is a guess (left out when not, so the
 * saved states of entries dated exactly are as they were).
 */
const LIST_OF: Readonly<Record<string, 'recommendations' | 'decisions'>> = {
  RecommendationIssued: 'recommendations',
  DecisionRecorded: 'decisions',
};

/** Whether an entry of this type gives a read's date: the projector looks for its flag then. */
export const givesAReadsDate = (type: string): boolean =>
  Object.hasOwn(FLAG_OF, type) || Object.hasOwn(LIST_OF, type);

/** An entry as the read side folds it: the domain's view, and whether its date is a guess. */
export type RecordedForReads = Recorded & { occurredAtApproximate?: true };

/** The domain's view of an entry with its date's flag; kept through corrections (effectiveEvents spreads it). */
export function withApproximate(recorded: Recorded, approximate: boolean): RecordedForReads {
  return approximate ? { ...recorded, occurredAtApproximate: true } : recorded;
}

type StoredFields = Pick<StoredEvent, 'id' | 'type' | 'schemaVersion' | 'data'> & {
  metadata: Pick<EventMetadata, 'occurredAt' | 'source'>;
};

/** A stored event as the read side folds it (toRecorded, with its date's flag). */
export function recordedForReads(event: StoredFields): RecordedForReads {
  return withApproximate(toRecorded(event), isApproximate(event.metadata));
}

/** An entry of a proposal's list as the read side holds it: with whether its date is a guess. */
export type DatedForReads<E> = E & { dateApproximate?: true };

/**
 * A proposal's state as the read side holds it: with whether its tabled and closed dates are
 * guesses, and each recommendation's and decision's.
 */
export type ProposalStateForReads = Omit<ProposalState, 'recommendations' | 'decisions'> & {
  tabledAtApproximate?: boolean;
  closedAtApproximate?: boolean;
  /** Whether `takenForward.date` (its entry's date) is a guess. */
  takenForwardAtApproximate?: boolean;
  recommendations: Array<DatedForReads<RecommendationEntry>>;
  decisions: Array<DatedForReads<DecisionEntry>>;
};

/** Whether a recommendation's or a decision's `date` is a guess, as reads give it beside the date. */
export const dateApproximateOf = (entry: { dateApproximate?: unknown } | undefined): boolean =>
  entry?.dateApproximate === true;

/** A proposal's tabled and closed dates' flags as reads give them: none for a date it has not. */
export function proposalDateFlags(state: ProposalStateForReads) {
  return {
    tabledAtApproximate: state.tabledAtApproximate === true,
    closedAtApproximate: state.closedAt === undefined ? undefined : state.closedAtApproximate === true,
  };
}

/** A state of any kind. */
type State = AggregateStates[AggregateKind];
/** What folding a stream needs of a decider (fold, CutStates, the projector). */
export type Folder = Pick<Decider<State, DomainCommand, DomainEvent>, 'initialState' | 'evolve'>;

function flagged(state: State, event: RecordedForReads): State {
  if (Object.hasOwn(LIST_OF, event.type)) return entryFlagged(state, LIST_OF[event.type], event);
  const flag = Object.hasOwn(FLAG_OF, event.type) ? FLAG_OF[event.type] : undefined;
  if (flag === undefined) return state;
  const approximate = event.occurredAtApproximate === true;
  // The meeting's own flag (MeetingHeld's heldOnApproximate, folded by the domain) stands too:
  // either marks the day a guess. The proposal's are the entries' alone, set by each anew.
  if (event.type === 'MeetingHeld') return approximate ? { ...state, [flag]: true } : state;
  return { ...state, [flag]: approximate };
}

/** The entry the event added to the list (the last: folding appends), flagged when its date is a guess. */
function entryFlagged(state: State, list: 'recommendations' | 'decisions', event: RecordedForReads): State {
  if (event.occurredAtApproximate !== true) return state;
  const entries = (state as ProposalState)[list] as ReadonlyArray<{ eventId: string }>;
  const last = entries[entries.length - 1];
  if (last?.eventId !== event.id) return state;
  return { ...state, [list]: [...entries.slice(0, -1), { ...last, dateApproximate: true }] };
}

const folders = new Map<AggregateKind, Folder>();

/** The kind's decider as the read side folds with it: the domain's evolve, then the entries' date flags. */
export function readFolder(kind: AggregateKind): Folder {
  let folder = folders.get(kind);
  if (!folder) {
    const decider = DECIDERS[kind] as unknown as Folder;
    folder = {
      initialState: () => decider.initialState(),
      evolve: (state, event) => flagged(decider.evolve(state, event), event),
    };
    folders.set(kind, folder);
  }
  return folder;
}
