import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { SqliteEventStore, type NewEvent, type StoredEvent } from '@ledger/event-store';
import type { CliIo } from '../cli-io';

/** A Writable that keeps what it is given, for stdout and stderr in tests. */
export class Capture extends Writable {
  private chunks: string[] = [];
  isTTY = false;
  /** Called after each write, with everything written so far. */
  onWrite?: (text: string) => void;

  override _write(
    chunk: Buffer | string,
    _encoding: BufferEncoding,
    callback: (error?: Error | null) => void,
  ): void {
    this.chunks.push(chunk.toString());
    this.onWrite?.(this.text());
    callback();
  }

  text(): string {
    return this.chunks.join('');
  }

  lines(): string[] {
    return this.text()
      .split('\n')
      .filter((line) => line !== '');
  }
}

export interface CapturedIo {
  io: CliIo;
  out: Capture;
  err: Capture;
}

export function captureIo(options: { stdin?: string; signal?: AbortSignal } = {}): CapturedIo {
  const out = new Capture();
  const err = new Capture();
  return {
    io: { stdout: out, stderr: err, stdin: Readable.from([options.stdin ?? '']), signal: options.signal },
    out,
    err,
  };
}

/** A temporary folder, removed by `cleanup`. */
export function tempDir(): { dir: string; path(name: string): string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-cli-'));
  return {
    dir,
    path: (name) => join(dir, name),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A clock that moves one second a call from a fixed start, so recordedAt varies across the seed. */
export function steppingClock(start = Date.parse('2024-03-01T09:00:00.000Z')): () => Date {
  let now = start;
  return () => {
    now += 1000;
    return new Date(now);
  };
}

export const CATEGORIES = ['meeting', 'proposal', 'decision'] as const;
export const TYPES = ['MeetingHeld', 'ProposalTabled', 'VoteCast', 'DecisionRecorded'] as const;

/**
 * Appends `count` events to a real SQLite store: 3 categories, 60 streams, 4 types, batches of 1 to
 * 3 events, occurredAt spread over 2023, data with nested JSON and non-ASCII text.
 */
export async function seed(store: SqliteEventStore, count: number): Promise<void> {
  let written = 0;
  let i = 0;
  while (written < count) {
    const size = Math.min(1 + (i % 3), count - written);
    const stream = `${CATEGORIES[i % 3]}-${i % 60}`;
    const events: NewEvent[] = Array.from({ length: size }, (_, k) => {
      const n = written + k;
      return {
        id: randomUUID(),
        type: TYPES[n % 4],
        data: {
          n,
          title: `Point ${n} — délibération`,
          tags: ['a', n % 2 === 0 ? 'even' : 'odd'],
          amount: n * 1.5,
          nested: { ok: true, none: null },
        },
        metadata: {
          occurredAt: new Date(Date.UTC(2023, 0, 1) + n * 6 * 3600 * 1000).toISOString(),
          actor: 'clerk@example.org',
          source: {
            kind: 'minutes',
            reference: `M-${Math.floor(n / 10)}`,
            url: 'https://example.org/minutes',
          },
        },
      };
    });
    await store.append(stream, events);
    written += size;
    i += 1;
  }
}

/** A store on a file of `dir`; synchronous OFF only to keep the tests fast (the code paths are the same). */
export function openStore(path: string, clock?: () => Date): SqliteEventStore {
  return new SqliteEventStore({ path, synchronous: 'OFF', ...(clock ? { clock } : {}) });
}

export async function readAllOf(store: SqliteEventStore): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for await (const event of store.readAll()) events.push(event);
  return events;
}
