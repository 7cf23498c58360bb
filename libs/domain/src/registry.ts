import type { AllianceCommand } from './alliances/alliance.decider';
import type { BodyCommand } from './bodies/body.decider';
import {
  DECIDERS,
  aggregateKindOf,
  folderOf,
  type AggregateKind,
  type AnyDecider,
  type StateKind,
} from './deciders';
import type { DocumentCommand } from './documents/document.decider';
import type { MeetingCommand } from './meetings/meeting.decider';
import type { PersonCommand } from './people/person.decider';
import type { ProposalCommand } from './proposals/proposal.decider';
import type { QuestionCommand } from './scrutiny/question.decider';
import type { ReviewCommand } from './scrutiny/review.decider';
import { decideWithAlongside, fold, foldFurther, type Folded } from './shared/aggregate';
import {
  checkEntriesElsewhere,
  checkNewEntriesElsewhere,
  endsWhatOthersRestOn,
  referencesOfNamers,
  type DeciderOf,
} from './shared/corrected-across-records';
import { referencesOfCorrection } from './shared/corrected-entries';
import { effectiveEvents, type CorrectionCommand } from './shared/corrections';
import { DomainRuleViolation } from './shared/rules';
import { namedByStream, namersListed, namingEntries, recordsNamedIn } from './named-records';
import type {
  AggregateStates,
  DomainCommand,
  DomainEvent,
  NamingRecord,
  Recorded,
  Reference,
  References,
} from './shared/decider';
import { referencesOfState } from './state-references';
import type { VoteCommand } from './votes/vote.decider';

// The aggregates and registers by kind are kept in ./deciders.ts; read from here, as before.
export {
  DECIDERS,
  REGISTERS,
  aggregateKindOf,
  type AggregateKind,
  type RegisterKind,
  type StateKind,
} from './deciders';

export type LedgerCommand =
  | BodyCommand
  | PersonCommand
  | AllianceCommand
  | ProposalCommand
  | MeetingCommand
  | VoteCommand
  | DocumentCommand
  | QuestionCommand
  | ReviewCommand;

/** Every command type the ledger knows, with its aggregate. A command missing here does not compile. */
export const COMMAND_TYPES: Readonly<Record<LedgerCommand['type'], AggregateKind>> = {
  RegisterBody: 'body',
  CreatePost: 'body',
  AppointOfficeHolder: 'body',
  RecordOfficeHolderLeft: 'body',
  SetQuorum: 'body',
  SetDecisionReferenceFormat: 'body',
  AbolishBody: 'body',
  RegisterPerson: 'person',
  FormAlliance: 'alliance',
  AddAllianceMember: 'alliance',
  RemoveAllianceMember: 'alliance',
  TableProposal: 'proposal',
  AmendProposal: 'proposal',
  ReferProposal: 'proposal',
  DeferProposal: 'proposal',
  WithdrawProposal: 'proposal',
  DiscontinueProposal: 'proposal',
  SupersedeProposal: 'proposal',
  TakeForwardByMember: 'proposal',
  RecordClaim: 'proposal',
  IssueRecommendation: 'proposal',
  RecordDecision: 'proposal',
  ScheduleMeeting: 'meeting',
  PostponeMeeting: 'meeting',
  CancelMeeting: 'meeting',
  AddAgendaItem: 'meeting',
  RecordMeetingHeld: 'meeting',
  ApproveMinutes: 'meeting',
  PublishMeetingNotice: 'meeting',
  ExcludePublic: 'meeting',
  DeclareMeetingInterest: 'meeting',
  OpenVote: 'vote',
  CastVote: 'vote',
  CloseVote: 'vote',
  RecordDocument: 'document',
  AskPublicQuestion: 'question',
  AnswerPublicQuestion: 'question',
  ReviewDecision: 'review',
  MakeScrutinyRecommendation: 'review',
  RespondToRecommendation: 'review',
};

export function kindOfCommand(type: string): AggregateKind | undefined {
  return Object.hasOwn(COMMAND_TYPES, type) ? COMMAND_TYPES[type as LedgerCommand['type']] : undefined;
}

export function streamName(kind: StateKind, id: string): string {
  return `${kind}-${id}`;
}

/** Loads a stream's events (already upcast) and its revision; -1 when it does not exist. */
export type StreamLoader = (stream: string) => Promise<{ events: readonly Recorded[]; revision: number }>;

/**
 * Folds already made, by the events array they were folded from: a loader that hands out the same
 * (unchanging) array for a stream until it grows (the command side's stream cache does) has each
 * referenced stream folded once per revision, not once per command.
 */
const foldedByEvents = new WeakMap<readonly Recorded[], Folded<AggregateStates[StateKind]>>();
/**
 * The latest fold of each stream, by its first event (the same object for as long as a loader keeps
 * the stream): when the stream has grown, only its new events are folded onto it (foldFurther).
 * Weak, so a stream the loader lets go of is let go of here too.
 */
const latestFoldByFirstEvent = new WeakMap<Recorded, { folder: AnyDecider; folded: Folded<unknown> }>();

/** `events` folded by `folder`: the fold already made of this array, or the latest one carried on, or a new one. */
function foldOnce(
  folder: AnyDecider,
  events: readonly Recorded[],
  revision: number,
): Folded<AggregateStates[StateKind]> {
  const known = foldedByEvents.get(events);
  if (known && known.revision === revision) return known;
  const latest = events.length > 0 ? latestFoldByFirstEvent.get(events[0]) : undefined;
  const folded = ((latest?.folder === folder
    ? foldFurther(folder, latest.folded, events, revision)
    : undefined) ?? fold(folder, events, revision)) as Folded<AggregateStates[StateKind]>;
  foldedByEvents.set(events, folded);
  if (events.length > 0) latestFoldByFirstEvent.set(events[0], { folder, folded });
  return folded;
}

export async function loadFolded(
  kind: StateKind,
  id: string,
  load: StreamLoader,
): Promise<Folded<AggregateStates[StateKind]>> {
  const { events, revision } = await load(streamName(kind, id));
  return foldOnce(folderOf(kind), events, revision);
}

/**
 * The streams of the records the record of `stream` names (named-records.ts): what an index of
 * what names what keeps for each stream, read again whenever the stream grows.
 */
export async function recordsNamedInStream(stream: string, load: StreamLoader): Promise<string[]> {
  const kind = aggregateKindOf(stream);
  if (!kind) return [];
  const folded = await loadFolded(kind, stream.slice(kind.length + 1), load);
  return recordsNamedIn(kind, stream, folded.state, effectiveEvents(folded.events));
}

/** The decider of a record that names another: loadNamers lists records of aggregates only. */
const deciderOf: DeciderOf = (kind) => DECIDERS[kind as AggregateKind];

/**
 * The records that name the record of `stream`, as they stand: those the derived stream
 * `namedby-<stream>` lists (named-records.ts) whose entries still name it, each loaded. Every one
 * is loaded, however many: what rests on a retracted entry is never left unread.
 */
async function loadNamers(stream: string, load: StreamLoader): Promise<NamingRecord[]> {
  const listed = namersListed((await load(namedByStream(stream))).events);
  const namers = await Promise.all(
    listed.map(async (namer): Promise<NamingRecord | undefined> => {
      const kind = aggregateKindOf(namer);
      if (!kind || namer === stream) return undefined;
      const id = namer.slice(kind.length + 1);
      const { state, events } = await loadFolded(kind, id, load);
      const entries = effectiveEvents(events);
      const naming = namingEntries(kind, state, entries, stream);
      return naming.length > 0
        ? ({ kind, id, stream: namer, state, entries, naming } as NamingRecord)
        : undefined;
    }),
  );
  return namers.filter((n): n is NamingRecord => n !== undefined);
}

/** How many records a decision reads at most, its own among them: where its references lead is bounded. */
const REFERENCES_READ = 256;

/** Loads `start` and everything their states lead to (bounded), as the References a decision reads. */
export async function resolveReferences(
  start: readonly Reference[],
  load: StreamLoader,
  limit = REFERENCES_READ,
): Promise<References> {
  return resolveReferencesWith(start, async (kind, id) => (await loadFolded(kind, id, load)).state, limit);
}

/** The same walk, for a caller that has states already folded (from a snapshot, say). */
export async function resolveReferencesWith(
  start: readonly Reference[],
  stateOf: (kind: StateKind, id: string) => Promise<AggregateStates[StateKind]>,
  limit = REFERENCES_READ,
): Promise<References> {
  const states = new Map<string, AggregateStates[StateKind]>();
  const queue = [...start];
  while (queue.length > 0 && states.size < limit) {
    const ref = queue.shift() as Reference;
    const key = `${ref.kind}-${ref.id}`;
    if (states.has(key)) continue;
    const state = await stateOf(ref.kind, ref.id);
    states.set(key, state);
    queue.push(...referencesOfState(ref.kind, state));
  }
  return { get: (kind, id) => states.get(`${kind}-${id}`) as never };
}

/** The stream a command writes to. A correction names its stream; every other command names its aggregate. */
export function streamOfCommand(command: LedgerCommand | (CorrectionCommand & { stream: string })): {
  kind: AggregateKind;
  stream: string;
} {
  if ('stream' in command) {
    const kind = command.stream.slice(0, command.stream.indexOf('-')) as AggregateKind;
    if (!(kind in DECIDERS))
      throw new DomainRuleViolation('correction-target-missing', `No record ${command.stream}`);
    return { kind, stream: command.stream };
  }
  const kind = kindOfCommand(command.type);
  if (!kind) throw new DomainRuleViolation('invalid-value', `Unknown command ${command.type}`);
  return { kind, stream: streamName(kind, (DECIDERS[kind] as AnyDecider).streamIdOf(command)) };
}

export interface DecidedCommand {
  stream: string;
  kind: AggregateKind;
  /** The revision the decision was made on: the append's expected revision. */
  expectedRevision: number;
  events: Array<DomainEvent>;
  /**
   * What it writes in other streams, in the same append (registers), each at the revision the
   * decision read. Empty for most commands.
   */
  alongside: Array<{ stream: string; expectedRevision: number; events: DomainEvent[] }>;
  retryOnConflict: boolean;
}

/**
 * The whole command side, framework-free: load the stream and what the command names, apply
 * the time rules and corrections, decide. The caller appends with `expectedRevision`.
 */
export async function decideCommand(
  command: LedgerCommand | (CorrectionCommand & { stream: string }),
  at: { occurredAt: string; now: string },
  load: StreamLoader,
  /** streamOfCommand(command), when the caller has it already. */
  target = streamOfCommand(command),
): Promise<DecidedCommand> {
  const { kind, stream } = target;
  const decider = DECIDERS[kind] as AnyDecider;
  const id = stream.slice(kind.length + 1);
  const own = await load(stream);
  const folded = foldOnce(decider, own.events, own.revision);
  const isCorrection = 'stream' in command;
  const { stream: _s, ...plain } = command as CorrectionCommand & { stream?: string };
  const decided = (isCorrection ? plain : command) as DomainCommand;
  // The command's own stream is folded once, above; the streams it leads to are loaded and folded.
  const revisions = new Map<string, number>();
  const stateOf = async (k: StateKind, i: string) => {
    if (k === kind && i === id) return folded.state;
    const loaded = await loadFolded(k, i, load);
    revisions.set(streamName(k, i), loaded.revision);
    return loaded.state;
  };
  const refs = await resolveReferencesWith(
    [
      { kind, id },
      ...(decider.alongsideReferencesOf?.(decided, folded.events) ?? []),
      // A correction re-decides its entry and those after it (shared/corrected-entries.ts).
      ...(isCorrection
        ? referencesOfCorrection(decider, decided, folded.events)
        : decider.referencesOf(command)),
    ],
    stateOf,
  );
  // A retraction reads the records that name its record, wherever they are (corrected-entries.ts).
  const namers = decided.type === 'RetractEvent' ? await loadNamers(stream, load) : undefined;
  const { events, alongside } = decideWithAlongside(
    decider,
    folded,
    decided,
    { ...at, refs, ...(namers ? { namers } : {}) },
    stream,
  );
  // A correction or a retraction is refused, besides, when an entry of a record naming its record,
  // decided again on the record as corrected, breaks a rule it kept; so is a new entry ending what
  // others rest on, dated before it (corrected-across-records.ts). Read once the record's own rules
  // are kept; no other command reads the records naming it.
  const endsFromADate = !isCorrection && endsWhatOthersRestOn(events);
  if (isCorrection || endsFromADate) {
    const naming = namers ?? (await loadNamers(stream, load));
    if (naming.length > 0) {
      // What each namer's entries read when decided: as many records as each may have read.
      const context = {
        ...at,
        refs: await resolveReferencesWith(
          referencesOfNamers(naming, deciderOf),
          stateOf,
          REFERENCES_READ * (naming.length + 1),
        ),
      };
      const elsewhere = { stream, namers: naming, deciderOf };
      if (isCorrection)
        checkEntriesElsewhere(
          decider,
          folded.events,
          folded.state,
          decided as CorrectionCommand,
          context,
          elsewhere,
        );
      else
        checkNewEntriesElsewhere(
          decider,
          folded.state,
          events.map((e, i) => ({ ...e, id: `new-${i}`, occurredAt: at.occurredAt })),
          context,
          elsewhere,
        );
    }
  }
  return {
    stream,
    kind,
    expectedRevision: own.revision,
    events,
    alongside: await Promise.all(
      alongside.map(async (write) => {
        const name = streamName(write.kind, write.id);
        const revision = revisions.get(name) ?? (await loadFolded(write.kind, write.id, load)).revision;
        return { stream: name, expectedRevision: revision, events: write.events };
      }),
    ),
    retryOnConflict: isCorrection || decider.retryOnConflict(command),
  };
}
