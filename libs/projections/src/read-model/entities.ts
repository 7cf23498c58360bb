import type { ProjectedEvent } from '@ledger/event-store';

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

/**
 * The entity index's rule, as source text: the writer thread of a rebuild (which has no modules,
 * rebuild/writer-thread.ts) runs this very text, and so does this thread, so the index is the same
 * whichever thread made it. Given the fields, it makes:
 *   - entitiesOf(stream, data): the entities an event concerns, its own aggregate and every one
 *     its data names (in `chair` and `attendees` too);
 *   - deferred(): a rebuild's index, gathered event by event and written entity by entity in key
 *     order (so the table is appended to, not updated at random places), each entity's positions
 *     (ascending, as added) as one JSON array for INSERT_ENTITY_POSITIONS.
 */
const RULE_SOURCE = `(one, many) => {
  const entitiesOf = (stream, data) => {
    const dash = stream.indexOf('-');
    const found = new Set([stream.slice(0, dash) + ':' + stream.slice(dash + 1)]);
    const d = data ?? {};
    for (const [field, kind] of one) if (typeof d[field] === 'string') found.add(kind + ':' + d[field]);
    for (const [field, kind] of many) for (const id of d[field] ?? []) if (typeof id === 'string') found.add(kind + ':' + id);
    for (const p of [d.chair, ...(d.attendees ?? [])]) {
      if (typeof p?.personId === 'string') found.add('person:' + p.personId);
      if (typeof p?.bodyId === 'string') found.add('body:' + p.bodyId);
    }
    return [...found];
  };
  const deferred = () => {
    const byEntity = new Map();
    return {
      add(position, stream, data) {
        for (const entity of entitiesOf(stream, data)) {
          const positions = byEntity.get(entity);
          if (positions) positions.push(position);
          else byEntity.set(entity, [position]);
        }
      },
      drain(write) {
        for (const entity of [...byEntity.keys()].sort()) write(entity, JSON.stringify(byEntity.get(entity)));
        byEntity.clear();
      },
    };
  };
  return { entitiesOf, deferred };
}`;

/** What the entity index is made with, to give the writer thread of a rebuild: the rule's text, and its fields. */
export const ENTITY_RULE = { source: RULE_SOURCE, fields: [Object.entries(ONE), Object.entries(MANY)] as const };

/** One entity's positions, as a JSON array: one statement per entity. */
export const INSERT_ENTITY_POSITIONS = 'INSERT OR IGNORE INTO rm_entity_events (entity, position) SELECT ?, value FROM json_each(?)';

export interface DeferredEntityIndex {
  add(position: number, stream: string, data: unknown): void;
  drain(write: (entity: string, positions: string) => void): void;
}

// eslint-disable-next-line @typescript-eslint/no-implied-eval -- the rule's text, above, made into the functions it defines
const rule = new Function(`return ${ENTITY_RULE.source}`)()(...ENTITY_RULE.fields) as {
  entitiesOf(stream: string, data: unknown): string[];
  deferred(): DeferredEntityIndex;
};

/** The entities an event concerns: its own aggregate and every one its data names. */
export const entitiesOf = (event: Pick<ProjectedEvent, 'stream' | 'data'>): string[] => rule.entitiesOf(event.stream, event.data);

/** A rebuild's entity index, gathered in memory and written in key order. */
export const deferredEntityIndex = (): DeferredEntityIndex => rule.deferred();
