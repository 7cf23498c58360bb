import { Inject, Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { LRUCache } from 'lru-cache';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { ProjectionService } from '../projection.service';
import type { TimeCut } from '../time-travel/time-cut';

/** How long an answer about "now" is kept while nothing is recorded: a date may pass meanwhile. */
export const NOW_ANSWER_TTL_MS = 1000;
/** The answers kept, at most, by the length of their JSON. */
const MAX_CACHED_CHARS = 32 * 1024 * 1024;

interface Answer {
  /** The ledger the answer was drawn from: its head, and the read models' generation and checkpoint. */
  stamp: string;
  /** For answers about "now": when it stops being served. */
  expires?: number;
  value: unknown;
}

/**
 * Every read's one way in (the JSON API, the pages and the exports): the QueryBus, with the
 * answers kept while the ledger stays as it was.
 *
 * Why this is exact: the ledger is append-only, and a read is a function of the events, the
 * cut and the viewer's role (visibility.ts gives a viewer nothing more than its role). So an
 * answer drawn when the store's head and the read models' checkpoint were both at N is the answer
 * for as long as they are; the first append moves the head and every answer is drawn again. An
 * answer is only kept when the read models had caught up with the store while it was drawn, so
 * none mixes two states of the ledger. A read of "now" (no asOf or knownAt) also depends on the
 * clock (a term ends, an authority is abolished), so it is kept for NOW_ANSWER_TTL_MS at most.
 * Answers are frozen: a caller that changed one would change it for the next reader.
 */
@Injectable()
export class LedgerQueries {
  private readonly answers = new LRUCache<string, Answer>({
    maxSize: MAX_CACHED_CHARS,
    sizeCalculation: (answer, key) => key.length + (JSON.stringify(answer.value)?.length ?? 1),
  });

  /**
   * Answers being drawn, by key and stamp: a read asked again while the same one is being drawn
   * waits for it rather than drawing it too. Without this, the moment an answer about now expires
   * every reader in flight draws it again at once (64 readers, 64 folds of the same proposal).
   */
  private readonly drawing = new Map<string, Promise<unknown>>();

  constructor(
    private readonly queries: QueryBus,
    private readonly projections: ProjectionService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute<T>(query: object): Promise<T> {
    const stamp = await this.stamp();
    const key = keyOf(query);
    const kept = this.answers.get(key);
    if (kept && kept.stamp === stamp && (kept.expires === undefined || Date.now() < kept.expires))
      return kept.value as T;
    // While the read models are behind the store (no stamp), each read draws its own answer.
    if (stamp === undefined) return this.queries.execute<never, T>(query as never);
    const drawingKey = `${stamp}|${key}`;
    const drawing = this.drawing.get(drawingKey);
    if (drawing) return drawing as Promise<T>;
    const drawn = this.draw<T>(query, key, stamp).finally(() => this.drawing.delete(drawingKey));
    this.drawing.set(drawingKey, drawn);
    return drawn;
  }

  /**
   * Draws an answer and keeps it when the ledger did not move while it was drawn. It is frozen
   * whether kept or not: the readers waiting on it share the one value.
   */
  private async draw<T>(query: object, key: string, stamp: string): Promise<T> {
    const value = deepFreeze(await this.queries.execute<never, T>(query as never));
    if ((await this.stamp()) === stamp) {
      const expires = aboutNow(query) ? Date.now() + NOW_ANSWER_TTL_MS : undefined;
      this.answers.set(key, { stamp, expires, value });
    }
    return value;
  }

  /**
   * Which ledger an answer drawn now comes from: the store's head with the read models' generation
   * and checkpoint. Undefined while the read models are behind the store: nothing drawn then is kept.
   */
  async stamp(): Promise<string | undefined> {
    const head = await this.store.head();
    const { generation, checkpoint } = this.projections.position;
    return checkpoint === head ? `${generation}:${head}` : undefined;
  }
}

/** The query's class and fields, with the viewer reduced to its role (all that visibility reads). */
function keyOf(query: object): string {
  return `${query.constructor.name}:${JSON.stringify(query, (field, value: unknown) =>
    field === 'viewer' && typeof value === 'object' && value !== null
      ? (value as { role: string }).role
      : value,
  )}`;
}

function aboutNow(query: object): boolean {
  const cut = (query as { cut?: TimeCut }).cut;
  return cut?.asOf === undefined && cut?.knownAt === undefined;
}

function deepFreeze<T>(value: T): T {
  // A document's bytes (a Buffer) cannot be frozen; nothing hands them to a caller to change.
  if (typeof value === 'object' && value !== null && !ArrayBuffer.isView(value) && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
