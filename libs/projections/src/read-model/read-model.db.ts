import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { migrate } from '@ledger/event-store';
import { PROJECTION_VERSION, READ_MODEL_TABLES, readModelMigrations, SET_META } from './read-model.schema';
import { decisionKey, decisionShownByKey, itemScope, meetingScope, type NamedDecisions } from '../visibility';

/** The public's side of the visibility rule, read from the stored judgement. */
export interface PublicEvents {
  isPublic(position: number): boolean;
  /** Whether any event concerning an entity (`proposal:x`, `meeting:m`, ...) is withheld from the public. */
  hiddenIn(entity: string): boolean;
  /** Whether the public may see any event concerning an entity: one it may see nothing of does not exist for it. */
  shownIn(entity: string): boolean;
  isPrivateMeeting(meetingId: string): boolean;
  /** Whether an agenda item is exempt, as the ledger's latest word says. */
  isWithheldItem(meetingId: string, itemId: string): boolean;
  /** Whether the public may see a decision, where another record names it by id (visibility.ts, NamedDecisions). */
  decisionShown(proposalId: string, decisionId: string): boolean;
  /**
   * The decisions an event of `stream` may name by id, judged: its proposal's. Only a proposal's
   * events (and their corrections, in the same stream) name decisions by id; elsewhere none is shown.
   */
  decisionsNamedIn(stream: string): NamedDecisions;
}

/**
 * One generation of read models in its own SQLite file. A rebuild writes the next generation
 * from scratch while queries use the current one, then switches over. Read models are
 * rebuildable, so they run with synchronous=OFF: a crash costs a rebuild, never an event.
 */
export class ReadModelDb {
  private constructor(
    readonly db: Database.Database,
    readonly generation: number,
    readonly path: string,
  ) {}

  static open(path: string, generation: number): ReadModelDb {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    // Set before the first table is made (no effect on an existing file). An aggregate's saved
    // state is a few KiB: at most one fits a 4 KiB page, leaving much of it empty.
    db.pragma('page_size = 8192');
    if (path !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('synchronous = OFF');
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -65536'); // 64 MiB: a rebuild rewrites the same pages many times
    migrate(db, 'read-models', readModelMigrations, `Read models ${path}`);
    return new ReadModelDb(db, generation, path);
  }

  private readonly statements = new Map<string, Database.Statement>();

  /** A prepared statement, prepared once per connection. */
  prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /**
   * What the public may see, as the projector judged it (visibility.ts): an event is public when
   * its stored row says so; one without a row is not projected yet, and is not public.
   */
  publicEvents(): PublicEvents {
    const event = this.prepare('SELECT public FROM rm_event_visibility WHERE position = ?');
    const hiddenIn = this.prepare(
      'SELECT 1 FROM rm_entity_events e JOIN rm_event_visibility v USING (position) WHERE e.entity = ? AND v.public = 0 LIMIT 1',
    );
    const shownIn = this.prepare(
      'SELECT 1 FROM rm_entity_events e JOIN rm_event_visibility v USING (position) WHERE e.entity = ? AND v.public = 1 LIMIT 1',
    );
    const scope = this.prepare('SELECT 1 FROM rm_hidden_scopes WHERE scope = ?');
    // The key is bound once and read twice by the judging SQL.
    const decision = this.prepare(`SELECT ${decisionShownByKey('k.key')} AS shown FROM (SELECT ? AS key) k`);
    const decisionShown = (proposalId: string, decisionId: string) =>
      (decision.get(decisionKey(proposalId, decisionId)) as { shown: number }).shown === 1;
    return {
      isPublic: (position) => (event.get(position) as { public: number } | undefined)?.public === 1,
      hiddenIn: (entity) => hiddenIn.get(entity) !== undefined,
      shownIn: (entity) => shownIn.get(entity) !== undefined,
      isPrivateMeeting: (meetingId) => scope.get(meetingScope(meetingId)) !== undefined,
      isWithheldItem: (meetingId, itemId) => scope.get(itemScope(meetingId, itemId)) !== undefined,
      decisionShown,
      decisionsNamedIn: (stream) => {
        const proposalId = stream.startsWith('proposal-') ? stream.slice('proposal-'.length) : undefined;
        return (decisionId) => proposalId !== undefined && decisionShown(proposalId, decisionId);
      },
    };
  }

  meta(key: string): string | undefined {
    return (this.prepare('SELECT value FROM rm_meta WHERE key = ?').get(key) as { value: string } | undefined)
      ?.value;
  }

  setMeta(key: string, value: string | number): void {
    this.prepare(SET_META).run(key, String(value));
  }

  get checkpoint(): number {
    return Number(this.meta('checkpoint') ?? 0);
  }

  get version(): number {
    return Number(this.meta('projection_version') ?? 0);
  }

  get complete(): boolean {
    return this.meta('complete') === '1';
  }

  /** Every projected row, table by table, in a stable order: for rebuild-equals-incremental checks. */
  dump(): Record<string, unknown[]> {
    const out: Record<string, unknown[]> = {};
    for (const table of READ_MODEL_TABLES)
      out[table] = this.db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all();
    return out;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  delete(): void {
    this.close();
    if (this.path === ':memory:') return;
    for (const suffix of ['', '-wal', '-shm']) rmSync(this.path + suffix, { force: true });
  }
}

/** Where generations of read models live, beside the ledger file: `<db>.read/gen-<n>.db`. */
export class ReadModelFolder {
  constructor(private readonly ledgerPath: string) {}

  get inMemory(): boolean {
    return this.ledgerPath === ':memory:';
  }

  private get folder(): string {
    return join(dirname(resolve(this.ledgerPath)), `${basename(this.ledgerPath)}.read`);
  }

  generations(): number[] {
    if (this.inMemory) return [];
    try {
      return readdirSync(this.folder)
        .map((f) => /^gen-(\d+)\.db$/.exec(f)?.[1])
        .filter((n): n is string => n !== undefined)
        .map(Number)
        .sort((a, b) => a - b);
    } catch {
      return [];
    }
  }

  open(generation: number): ReadModelDb {
    return ReadModelDb.open(
      this.inMemory ? ':memory:' : join(this.folder, `gen-${generation}.db`),
      generation,
    );
  }

  /** The newest complete generation built by this version of the projections, if any. */
  openCurrent(): ReadModelDb | undefined {
    for (const generation of this.generations().reverse()) {
      const rm = this.open(generation);
      if (rm.complete && rm.version === PROJECTION_VERSION) return rm;
      rm.close();
    }
    return undefined;
  }

  /** Removes every generation but `keep`, without opening them (an old one may not migrate). */
  prune(keep: number): void {
    for (const generation of this.generations()) {
      if (generation === keep) continue;
      for (const suffix of ['', '-wal', '-shm'])
        rmSync(join(this.folder, `gen-${generation}.db${suffix}`), { force: true });
    }
  }
}
