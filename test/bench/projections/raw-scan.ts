/** Measurement 2's floor: a raw better-sqlite3 scan of the events table, and the ledger's event types. */
import Database from 'better-sqlite3';
import { performance } from 'node:perf_hooks';
import type { SourceRef } from '@ledger/event-store';
import { fmt } from '../support/bench-kit';
import { cpuSince } from './process-usage';

export interface Scan {
  events: number;
  seconds: number;
  rate: number;
  /** CPU seconds (user + system) of this process: the machine may be shared. */
  cpuSeconds: number;
}

/** The floor: every row of the events table in position order, data and source parsed. */
export function rawScan(path: string): Scan {
  const db = new Database(path, { fileMustExist: true });
  try {
    const select = db.prepare(
      `SELECT position, id, stream, revision, type, schema_version, data, occurred_at, recorded_at, actor, correlation_id, causation_id, source, prev_hash, hash
       FROM events ORDER BY position`,
    );
    let events = 0;
    let check = 0;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (const row of select.iterate() as IterableIterator<{
      data: string;
      source: string;
      position: number;
    }>) {
      const data = JSON.parse(row.data) as Record<string, unknown>;
      const source = JSON.parse(row.source) as SourceRef;
      check += Object.keys(data).length + source.kind.length;
      events += 1;
    }
    const seconds = (performance.now() - t0) / 1000;
    const cpuSeconds = cpuSince(c0);
    if (check === 0) throw new Error('raw scan read nothing');
    return { events, seconds, rate: events / seconds, cpuSeconds };
  } finally {
    db.close();
  }
}

/** How many events of each type the ledger holds, most first. */
export function eventTypes(path: string): string {
  const db = new Database(path, { fileMustExist: true });
  try {
    const rows = db
      .prepare('SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY n DESC')
      .all() as Array<{ type: string; n: number }>;
    return rows.map((r) => `${r.type} ${fmt(r.n)}`).join(', ');
  } finally {
    db.close();
  }
}
