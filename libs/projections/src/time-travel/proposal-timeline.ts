import {
  proposalStatus,
  streamName,
  toInstant,
  type ProposalStatusView,
  type References,
} from '@ledger/domain';
import { InvalidInput, isApproximate, type EventStore, type StoredEvent } from '@ledger/event-store';
import type { ProposalStateForReads } from '../entry-dates';
import type { PublicEvents, ReadModelDb } from '../read-model/read-model.db';
import { CutStates } from './cut-states';
import { viewDate, type TimeCut } from './time-cut';

export class ProposalNotFound extends Error {
  readonly code = 'proposal-not-found';
  constructor(
    readonly proposalId: string,
    cut: TimeCut,
  ) {
    super(
      `Proposal ${proposalId} is not recorded${cut.asOf ? ` as of ${cut.asOf}` : ''}${cut.knownAt ? ` as known at ${cut.knownAt}` : ''}`,
    );
  }
}

export interface ProposalAtCut {
  proposalId: string;
  /** Folded by the read side: with its tabled and closed dates' flags (entry-dates.ts). */
  state: ProposalStateForReads;
  refs: References;
  view: ProposalStatusView;
  /** The date the view was drawn for. */
  date: string;
}

export interface ProposalAtOptions {
  now?: Date;
  /** Read models holding dated snapshots to start from; without them every stream is folded from its start. */
  snapshots?: ReadModelDb;
  /** States already read at the same cut, shared by the proposals of one list. */
  states?: CutStates;
  /** For the public: drawn from the events it may see only (cut-states.ts). */
  publicOnly?: PublicEvents;
  /** The proposal's own stream read only up to the event at this position (corrections all counted). */
  through?: number;
}

/** A proposal's state and status at any cut, reading only the streams that concern it. */
export async function proposalAt(
  store: EventStore,
  proposalId: string,
  cut: TimeCut,
  options: ProposalAtOptions = {},
): Promise<ProposalAtCut> {
  const states =
    options.states ??
    new CutStates(
      store,
      cut,
      options.snapshots,
      options.publicOnly,
      options.through === undefined
        ? undefined
        : { stream: streamName('proposal', proposalId), position: options.through },
    );
  const own = await states.state('proposal', proposalId);
  if (own.events === 0) throw new ProposalNotFound(proposalId, cut);
  const refs = await states.refs([{ kind: 'proposal', id: proposalId }]);
  const date = viewDate(cut, options.now ?? new Date());
  return { proposalId, state: own.state, refs, view: proposalStatus(own.state, refs, date), date };
}

export interface DiffEntry {
  position: number;
  eventId: string;
  type: string;
  occurredAt: string;
  /** Whether `occurredAt` is a guess, as the entry was dated. */
  occurredAtApproximate: boolean;
  recordedAt: string;
  statusBefore: string;
  statusAfter: string;
  data: unknown;
}

/**
 * A diff's window runs forward. Given backwards it would answer no changes beside two different
 * statuses (or a 404 from drawing `to`), so it is refused, naming `from`. Compared as instants:
 * the same instant written two ways is a window, if an empty one.
 */
export function assertDiffWindow(from: string, to: string): void {
  if (toInstant(from) > toInstant(to))
    throw new InvalidInput('invalid-read-option', 'from', `from (${from}) must not be after to (${to})`);
}

/**
 * What changed for a proposal between two dates, event by event: each event of its stream that
 * happened in (from, to], with the status before and after it, all drawn with the same knowledge
 * (the window's knownAt, or now).
 */
export async function proposalDiff(
  store: EventStore,
  proposalId: string,
  window: { from: string; to: string; knownAt?: string },
  options: Pick<ProposalAtOptions, 'snapshots' | 'publicOnly'> = {},
): Promise<{ before: ProposalStatusView | null; after: ProposalStatusView; changes: DiffEntry[] }> {
  const { from, to, knownAt } = window;
  assertDiffWindow(from, to);
  const after = await proposalAt(store, proposalId, { asOf: to, knownAt }, options);
  const before = await proposalAt(store, proposalId, { asOf: from, knownAt }, options).catch((e: unknown) => {
    if (e instanceof ProposalNotFound) return null;
    throw e;
  });
  const [fromInstant, toInstantOfWindow] = [toInstant(from), toInstant(to)];
  const raw: StoredEvent[] = [];
  // The public's changes are those it may see, judged by the read models (visibility.ts).
  const shown = (e: StoredEvent) => !options.publicOnly || options.publicOnly.isPublic(e.position);
  for await (const e of store.readStream(streamName('proposal', proposalId), { recordedUntil: knownAt }))
    if (shown(e)) raw.push(e);
  const changes: DiffEntry[] = [];
  let status = before?.view.status ?? 'none';
  for (const e of raw.filter(
    // By each event's first instant (the cut rule), not its date as given: `2013` is 2013-01-01.
    (x) =>
      toInstant(x.metadata.occurredAt) > fromInstant && toInstant(x.metadata.occurredAt) <= toInstantOfWindow,
  )) {
    // The status it led to, as the ledger knows it at the window's knownAt, as `before` and `after`
    // are drawn: corrections restate what happened whenever they were made (time-cut.ts), so one
    // made later, even after the window, shows in the status of the entry it corrects, and the
    // changes lead from `before` to `after`. The proposal's own entries are read up to this one:
    // of several on the same date, each shows the status it led to, in the order recorded.
    const at = await proposalAt(
      store,
      proposalId,
      { asOf: e.metadata.occurredAt, knownAt },
      { ...options, through: e.position },
    );
    changes.push({
      position: e.position,
      eventId: e.id,
      type: e.type,
      occurredAt: e.metadata.occurredAt,
      occurredAtApproximate: isApproximate(e.metadata),
      recordedAt: e.metadata.recordedAt,
      statusBefore: status,
      statusAfter: at.view.status,
      data: e.data,
    });
    status = at.view.status;
  }
  return { before: before?.view ?? null, after: after.view, changes };
}
