import type { ProjectedEvent } from '@ledger/event-store';

/** Fields of event data that name another entity, by the entity kind they name: one id, or a list of ids. */
const ONE = new Map<string, string>([
  ['bodyId', 'body'],
  ['byBodyId', 'body'],
  ['tabledBy', 'body'],
  ['memberBodyId', 'body'],
  ['successorId', 'body'],
  ['parentId', 'body'],
  ['personId', 'person'],
  ['meetingId', 'meeting'],
  ['approvedAtMeetingId', 'meeting'],
  ['proposalId', 'proposal'],
  ['parentProposalId', 'proposal'],
  ['byProposalId', 'proposal'],
  ['newProposalId', 'proposal'],
  ['allianceId', 'alliance'],
  ['voteEventId', 'vote'],
]);
const MANY = new Map<string, string>([
  ['toBodyIds', 'body'],
  ['bodyIds', 'body'],
  ['memberIds', 'body'],
  ['votingBodyIds', 'body'],
]);
/** Fields that hold people at a meeting, each with a person and the body they sat for. */
const PEOPLE = new Set(['chair', 'attendees']);

/**
 * The entities an event concerns: its own aggregate and every one its data names (in `chair`
 * and `attendees` too), each once, its own first. A rebuild asks this of every event: it walks
 * the data's own fields, not every field that could name an entity.
 */
export function entitiesOf(event: Pick<ProjectedEvent, 'stream' | 'data'>): string[] {
  const { stream } = event;
  const dash = stream.indexOf('-');
  const found = [`${stream.slice(0, dash)}:${stream.slice(dash + 1)}`];
  const add = (entity: string) => {
    if (!found.includes(entity)) found.push(entity);
  };
  const data = (event.data ?? {}) as Record<string, unknown>;
  for (const field of Object.keys(data)) {
    const value = data[field];
    const one = ONE.get(field);
    if (one !== undefined) {
      if (typeof value === 'string') add(`${one}:${value}`);
      continue;
    }
    const many = MANY.get(field);
    if (many !== undefined) {
      if (Array.isArray(value)) for (const id of value) if (typeof id === 'string') add(`${many}:${id}`);
      continue;
    }
    if (!PEOPLE.has(field)) continue;
    for (const person of (field === 'chair' ? [value] : Array.isArray(value) ? value : []) as Array<
      { personId?: unknown; bodyId?: unknown } | undefined
    >) {
      if (typeof person?.personId === 'string') add(`person:${person.personId}`);
      if (typeof person?.bodyId === 'string') add(`body:${person.bodyId}`);
    }
  }
  return found;
}

/**
 * A rebuild's entity index, gathered event by event and written entity by entity in key order
 * (so the table is appended to, not updated at random places), each entity's positions
 * (ascending, as added) as one JSON array for INSERT_ENTITY_POSITIONS. It is source text: the
 * writer thread of a rebuild (which has no modules, rebuild/writer-thread.ts) runs this very
 * text, and so does a rebuild on the read-model connection (read-model/writes.ts).
 *
 * A million events name some three million (entity, event) pairs: they are kept in typed arrays
 * (each entity by its number, each event's position once), a few bytes each outside the heap,
 * not as a list of numbers per entity; only the entities' names are strings. The positions are
 * grouped by entity (a counting sort) only when the index is written.
 */
export const DEFERRED_INDEX_SOURCE = `() => {
  let numbers = new Map();
  let names = [];
  let positions = new Float64Array(1024);
  let ends = new Uint32Array(1024);
  let entities = new Uint32Array(4096);
  let events = 0;
  let pairs = 0;
  const room = (array, size) => {
    if (size <= array.length) return array;
    const bigger = new array.constructor(Math.max(size, 2 * array.length));
    bigger.set(array);
    return bigger;
  };
  return {
    add(position, list, from = 0, n = list.length - from) {
      positions = room(positions, events + 1);
      ends = room(ends, events + 1);
      entities = room(entities, pairs + n);
      for (let k = from; k < from + n; k++) {
        let number = numbers.get(list[k]);
        if (number === undefined) {
          number = names.length;
          numbers.set(list[k], number);
          names.push(list[k]);
        }
        entities[pairs++] = number;
      }
      positions[events] = position;
      ends[events++] = pairs;
    },
    drain(write) {
      const count = new Uint32Array(names.length);
      for (let k = 0; k < pairs; k++) count[entities[k]]++;
      const order = names.map((_, number) => number).sort((a, b) => (names[a] < names[b] ? -1 : 1));
      const start = new Uint32Array(names.length);
      let at = 0;
      for (const number of order) {
        start[number] = at;
        at += count[number];
      }
      const next = start.slice();
      const byEntity = new Uint32Array(pairs);
      for (let event = 0, k = 0; event < events; event++)
        for (; k < ends[event]; k++) byEntity[next[entities[k]]++] = event;
      for (const number of order) {
        let text = '[';
        for (let k = start[number]; k < next[number]; k++) text += (k === start[number] ? '' : ',') + positions[byEntity[k]];
        write(names[number], text + ']');
      }
      numbers = new Map();
      names = [];
      positions = new Float64Array(1024);
      ends = new Uint32Array(1024);
      entities = new Uint32Array(4096);
      events = 0;
      pairs = 0;
    },
  };
}`;

/** One entity's positions, as a JSON array: one statement per entity. */
export const INSERT_ENTITY_POSITIONS =
  'INSERT OR IGNORE INTO rm_entity_events (entity, position) SELECT ?, value FROM json_each(?)';

export interface DeferredEntityIndex {
  /** An event's entities: `entities`, or `n` of them from `from` on. */
  add(position: number, entities: readonly unknown[], from?: number, n?: number): void;
  drain(write: (entity: string, positions: string) => void): void;
}

const makeDeferredIndex =
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the text above, made into the function it is
  (new Function(`return ${DEFERRED_INDEX_SOURCE}`) as () => () => DeferredEntityIndex)();

/** A rebuild's entity index, gathered in memory and written in key order. */
export const deferredEntityIndex = (): DeferredEntityIndex => makeDeferredIndex();
