import type { StoredEvent } from '@ledger/event-store';

/**
 * Who may see what, in one place. Clerks and auditors see everything. The public sees what was
 * done in public: not exempt agenda items, not the details of private meetings, not decisions
 * taken in private, nor votes and recommendations made at private meetings, and never who
 * recorded an entry.
 */
export type Role = 'public' | 'clerk' | 'auditor';

export interface Viewer {
  role: Role;
}

export const PUBLIC: Viewer = { role: 'public' };
export const AUDITOR: Viewer = { role: 'auditor' };

export function seesEverything(viewer: Viewer): boolean {
  return viewer.role !== 'public';
}

/** What the public may know of meetings: which are private. Looked up from the read models. */
export interface MeetingPrivacy {
  isPrivate(meetingId: string): boolean;
}

/** Whether an event may be shown to the viewer at all. */
export function eventVisible(event: Pick<StoredEvent, 'stream' | 'type' | 'data'>, viewer: Viewer, meetings: MeetingPrivacy, hiddenEventIds: ReadonlySet<string> = new Set()): boolean {
  if (seesEverything(viewer)) return true;
  const data = (event.data ?? {}) as Record<string, unknown>;
  if (event.stream.startsWith('meeting-') && meetings.isPrivate(event.stream.slice('meeting-'.length))) return false;
  if (event.type === 'AgendaItemAdded' && data.exempt === true) return false;
  if (event.type === 'DecisionRecorded' && data.inPublic === false) return false;
  if (typeof data.meetingId === 'string' && meetings.isPrivate(data.meetingId)) return false;
  if ((event.type === 'EventCorrected' || event.type === 'EventRetracted') && hiddenEventIds.has(String(data.eventId))) return false;
  return true;
}

/** The actor who recorded an entry is staff identity: shown to clerks and auditors only. */
export function actorFor(actor: string, viewer: Viewer): string | undefined {
  return seesEverything(viewer) ? actor : undefined;
}
