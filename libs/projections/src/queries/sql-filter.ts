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

  /** Rows dated by the cut's asOf. */
  cut(cut: TimeCut, dateColumn: string): this {
    return this.when(cut.asOf, `${dateColumn} <= ?`, cut.asOf && new Date(cut.asOf).toISOString());
  }

  /** Of a versioned register (register-versions.ts), the version the ledger held at knownAt, or now. */
  known(cut: TimeCut, alias: string): this {
    if (!cut.knownAt) return this.add(`${alias}.known_until IS NULL`);
    const at = new Date(cut.knownAt).toISOString();
    return this.add(
      `${alias}.known_from <= ? AND (${alias}.known_until IS NULL OR ${alias}.known_until > ?)`,
      at,
      at,
    );
  }

  range(range: { from?: string; to?: string }, column: string): this {
    this.when(range.from, `${column} >= ?`, range.from && new Date(range.from).toISOString());
    return this.when(range.to, `${column} <= ?`, range.to && new Date(range.to).toISOString());
  }

  get sql(): string {
    return this.clauses.length === 0 ? '1 = 1' : this.clauses.join(' AND ');
  }
}
