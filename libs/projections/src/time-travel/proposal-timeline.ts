import {
  fold,
  proposalDecider,
  proposalStatus,
  resolveReferences,
  streamName,
  type ProposalState,
  type ProposalStatusView,
  type References,
} from '@ledger/domain';
import type { EventStore, StoredEvent } from '@ledger/event-store';
import { cutLoader, viewDate, type TimeCut } from './cut-loader';

export class ProposalNotFound extends Error {
  readonly code = 'proposal-not-found';
  constructor(readonly proposalId: string, cut: TimeCut) {
    super(`Proposal ${proposalId} is not recorded${cut.asOf ? ` as of ${cut.asOf}` : ''}${cut.knownAt ? ` as known at ${cut.knownAt}` : ''}`);
  }
}

export interface ProposalSnapshot {
  proposalId: string;
  state: ProposalState;
  refs: References;
  view: ProposalStatusView;
  /** The date the view was drawn for. */
  date: string;
}

/** A proposal's state and status at any cut, reading only the streams that concern it. */
export async function proposalAt(store: EventStore, proposalId: string, cut: TimeCut, now = new Date()): Promise<ProposalSnapshot> {
  const load = cutLoader(store, cut);
  const own = await load(streamName('proposal', proposalId));
  if (own.events.length === 0) throw new ProposalNotFound(proposalId, cut);
  const state = fold(proposalDecider, own.events, own.revision).state;
  const refs = await resolveReferences([{ kind: 'proposal', id: proposalId }], load);
  const date = viewDate(cut, now);
  return { proposalId, state, refs, view: proposalStatus(state, refs, date), date };
}

export interface DiffEntry {
  position: number;
  eventId: string;
  type: string;
  occurredAt: string;
  recordedAt: string;
  statusBefore: string;
  statusAfter: string;
  data: unknown;
}

/**
 * What changed for a proposal between two dates, event by event: each event of its stream that
 * happened in (from, to], with the status before and after it.
 */
export async function proposalDiff(store: EventStore, proposalId: string, from: string, to: string, knownAt?: string): Promise<{ before: ProposalStatusView | null; after: ProposalStatusView; changes: DiffEntry[] }> {
  const after = await proposalAt(store, proposalId, { asOf: to, knownAt });
  const before = await proposalAt(store, proposalId, { asOf: from, knownAt }).catch((e) => (e instanceof ProposalNotFound ? null : Promise.reject(e)));
  const fromInstant = new Date(from).toISOString();
  const toInstant = new Date(to).toISOString();
  const raw: StoredEvent[] = [];
  for await (const e of store.readStream(streamName('proposal', proposalId), { recordedUntil: knownAt })) raw.push(e);
  const changes: DiffEntry[] = [];
  let status = before?.view.status ?? 'none';
  for (const e of raw.filter((x) => x.metadata.occurredAt > fromInstant && x.metadata.occurredAt <= toInstant)) {
    const at = await proposalAt(store, proposalId, { asOf: e.metadata.occurredAt, knownAt: knownAt ?? e.metadata.recordedAt });
    changes.push({ position: e.position, eventId: e.id, type: e.type, occurredAt: e.metadata.occurredAt, recordedAt: e.metadata.recordedAt, statusBefore: status, statusAfter: at.view.status, data: e.data });
    status = at.view.status;
  }
  return { before: before?.view ?? null, after: after.view, changes };
}

