import type { TimeCut } from '../time-travel/time-cut';

/** A WHERE clause built up condition by condition, with its parameters in order. */
export class SqlFilter {
  readonly clauses: string[] = [];
  readonly params: unknown[] = [];

  add(clause: string, ...params: unknown[]): this {
    this.clauses.push(clause);
    this.params.push(...params);
    return this;
  }

  when(value: unknown, clause: string, ...params: unknown[]): this {
    return value === undefined || value === null || value === '' ? this : this.add(clause, ...params);
  }

  /** The register rows that existed at the cut: dated by then, and recorded by then. */
  cut(cut: TimeCut, dateColumn: string, eventIdColumn?: string): this {
    this.when(cut.asOf, `${dateColumn} <= ?`, cut.asOf && new Date(cut.asOf).toISOString());
    if (eventIdColumn) this.when(cut.knownAt, `${eventIdColumn} IN (SELECT event_id FROM rm_event_times WHERE recorded_at <= ?)`, cut.knownAt && new Date(cut.knownAt).toISOString());
    return this;
  }

  range(range: { from?: string; to?: string }, column: string): this {
    this.when(range.from, `${column} >= ?`, range.from && new Date(range.from).toISOString());
    return this.when(range.to, `${column} <= ?`, range.to && new Date(range.to).toISOString());
  }

  get sql(): string {
    return this.clauses.length === 0 ? '1 = 1' : this.clauses.join(' AND ');
  }
}
