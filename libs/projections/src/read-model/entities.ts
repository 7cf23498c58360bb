import { categoryOf, type StoredEvent } from '@ledger/event-store';

/** Fields of event data that name another entity, by the entity kind they name. */
const ONE: Record<string, string> = {
  bodyId: 'body',
  byBodyId: 'body',
  tabledBy: 'body',
  memberBodyId: 'body',
  successorId: 'body',
  parentId: 'body',
  personId: 'person',
  meetingId: 'meeting',
  approvedAtMeetingId: 'meeting',
  proposalId: 'proposal',
  parentProposalId: 'proposal',
  byProposalId: 'proposal',
  newProposalId: 'proposal',
  allianceId: 'alliance',
  voteEventId: 'vote',
};
const MANY: Record<string, string> = { toBodyIds: 'body', bodyIds: 'body', memberIds: 'body', votingBodyIds: 'body' };
// Listed once: a rebuild asks this of every event.
const ONE_FIELDS = Object.entries(ONE);
const MANY_FIELDS = Object.entries(MANY);

/** The entities an event concerns: its own aggregate and every one its data names. */
export function entitiesOf(event: Pick<StoredEvent, 'stream' | 'data'>): string[] {
  const found = new Set<string>([`${categoryOf(event.stream)}:${event.stream.slice(event.stream.indexOf('-') + 1)}`]);
  const data = (event.data ?? {}) as Record<string, unknown>;
  for (const [field, kind] of ONE_FIELDS) if (typeof data[field] === 'string') found.add(`${kind}:${data[field]}`);
  for (const [field, kind] of MANY_FIELDS) for (const id of (data[field] as unknown[] | undefined) ?? []) if (typeof id === 'string') found.add(`${kind}:${id}`);
  for (const person of [data.chair, ...((data.attendees as unknown[] | undefined) ?? [])]) {
    const p = person as { personId?: unknown; bodyId?: unknown } | undefined;
    if (typeof p?.personId === 'string') found.add(`person:${p.personId}`);
    if (typeof p?.bodyId === 'string') found.add(`body:${p.bodyId}`);
  }
  return [...found];
}
