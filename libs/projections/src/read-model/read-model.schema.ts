import type Database from 'better-sqlite3';
import type { Migration } from '@ledger/event-store';

/**
 * The read models' tables. They are rebuilt from events alone: a change here bumps
 * PROJECTION_VERSION, and the service rebuilds into a fresh generation at start. So does a change
 * in what the rows or the saved states hold: 17, the states carry the date flags of the entries
 * that set a read's dates (entry-dates.ts), with no new column; 18, each recommendation and
 * decision of a proposal's state carries its date's flag too, and so do the registers' rows
 * (`date_approximate`, migration 11); 19, a proposal's state carries whether the day a member took
 * it forward is a guess.
 */
export const PROJECTION_VERSION = 19;

/** Sets a key of rm_meta: one statement, whichever connection runs it. */
export const SET_META =
  'INSERT INTO rm_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value';

/**
 * The registers' keys (the incremental projector finds versions by them). Their first column is
 * an event id, which may be random (a UUIDv4, or one derived from an idempotency key): a rebuild
 * from scratch finds versions by rowid instead (register-versions.ts) and builds them at its end.
 */
const REGISTER_KEYS = (['rm_decisions', 'rm_recommendations', 'rm_votes'] as const).map(
  (table) => `CREATE UNIQUE INDEX IF NOT EXISTS ${table}_key ON ${table} (event_id, known_from)`,
);

/**
 * The index of the events of each withholdable entry (a decision, an agenda item): an entry is
 * its event's id, random too, and three events in five of a large ledger have one. A rebuild
 * from scratch builds it at its end (event-visibility.ts says how its corrections find an entry's
 * events meanwhile).
 */
const VISIBILITY_ENTRY_INDEX_NAME = 'rm_event_visibility_entry';

/**
 * What a rebuild from scratch leaves without an index until its end, then builds each index once,
 * by one sort, from its own definition in the file: every index of the registers (their writes
 * find versions by rowid meanwhile, and nothing reads them before the end), and the entries'
 * index. Updated row by row instead, they took a good part of the writer
 * thread's time, and that thread set the rebuild's pace. The other indexes stay: a rebuild's
 * writes find rows by them (a meeting's events judged again, a meeting's bodies replaced).
 */
export const BUILT_AFTER_A_REBUILD = {
  tables: ['rm_decisions', 'rm_recommendations', 'rm_votes'],
  indexes: [VISIBILITY_ENTRY_INDEX_NAME],
} as const;

/** The indexes of BUILT_AFTER_A_REBUILD as the file defines them: their names and the SQL that makes each. */
export function indexesBuiltAfterARebuild(db: Database.Database): Array<{ name: string; sql: string }> {
  const { tables, indexes } = BUILT_AFTER_A_REBUILD;
  const marks = (list: readonly string[]) => list.map(() => '?').join(', ');
  return db
    .prepare(
      `SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL
       AND (tbl_name IN (${marks(tables)}) OR name IN (${marks(indexes)})) ORDER BY name`,
    )
    .all(...tables, ...indexes) as Array<{ name: string; sql: string }>;
}

export const readModelMigrations: readonly Migration[] = [
  {
    version: 1,
    description: 'read models: aggregates, entity index, registers, dated snapshots',
    up(db) {
      db.exec(`
        CREATE TABLE rm_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        -- Each aggregate's folded state: the projector's own, never the source of truth. The last
        -- columns are what it needs to take the next dated snapshot (snapshots/snapshot-policy.ts).
        CREATE TABLE rm_aggregates (
          stream TEXT PRIMARY KEY, kind TEXT NOT NULL, id TEXT NOT NULL, revision INTEGER NOT NULL, position INTEGER NOT NULL,
          first_recorded_at TEXT NOT NULL, last_occurred_at TEXT NOT NULL, recorded_through TEXT NOT NULL,
          snapshot_revision INTEGER NOT NULL, snapshot_bytes INTEGER NOT NULL, state TEXT NOT NULL);
        -- Which events concern which entity (proposal:x, body:y, person:z, meeting:m, ...). Its key
        -- is the table (no rowid and no second copy in an index), read entity by entity in order.
        CREATE TABLE rm_entity_events (entity TEXT NOT NULL, position INTEGER NOT NULL, PRIMARY KEY (entity, position)) WITHOUT ROWID;
        -- Dated snapshots: a stream's state at a revision, which holds for every date from
        -- valid_from (its last event's occurredAt) until the stream's next event.
        CREATE TABLE rm_snapshots (
          stream TEXT NOT NULL, revision INTEGER NOT NULL, valid_from TEXT NOT NULL, recorded_through TEXT NOT NULL, state TEXT NOT NULL,
          PRIMARY KEY (stream, revision)) WITHOUT ROWID;
        -- Where each stream's corrections are: a read from a snapshot applies those after it
        -- without reading the rest of the stream.
        CREATE TABLE rm_corrections (stream TEXT NOT NULL, revision INTEGER NOT NULL, recorded_at TEXT NOT NULL, PRIMARY KEY (stream, revision)) WITHOUT ROWID;
        CREATE TABLE rm_proposals (
          proposal_id TEXT PRIMARY KEY, title TEXT NOT NULL, status TEXT NOT NULL, lifecycle TEXT NOT NULL,
          alliance_id TEXT, body_id TEXT, tabled_by TEXT NOT NULL, tabled_at TEXT NOT NULL, tabled_recorded_at TEXT NOT NULL,
          parent_proposal_id TEXT, waiting_for TEXT NOT NULL, last_position INTEGER NOT NULL);
        CREATE TABLE rm_bodies (
          body_id TEXT PRIMARY KEY, name TEXT NOT NULL, classification TEXT NOT NULL, area TEXT, powers TEXT NOT NULL,
          founding_date TEXT NOT NULL, dissolution_date TEXT, successor_id TEXT, recorded_at TEXT NOT NULL);
        CREATE TABLE rm_people (person_id TEXT PRIMARY KEY, name TEXT NOT NULL, honorific_prefix TEXT, recorded_at TEXT NOT NULL);
        CREATE TABLE rm_meetings (
          meeting_id TEXT PRIMARY KEY, title TEXT NOT NULL, body_ids TEXT NOT NULL, alliance_id TEXT, scheduled_for TEXT NOT NULL,
          status TEXT NOT NULL, public INTEGER NOT NULL, held_on TEXT, place TEXT, chair TEXT, attendees TEXT NOT NULL,
          agenda TEXT NOT NULL, minutes TEXT, recorded_at TEXT NOT NULL);
        CREATE TABLE rm_meeting_bodies (body_id TEXT NOT NULL, meeting_id TEXT NOT NULL, scheduled_for TEXT NOT NULL, PRIMARY KEY (body_id, meeting_id)) WITHOUT ROWID;
        -- A meeting's rows are replaced by meeting: without this, each render scans the whole table.
        CREATE INDEX rm_meeting_bodies_meeting ON rm_meeting_bodies (meeting_id);
        -- The registers of entries keep every version of a row with when the ledger knew it
        -- (register-versions.ts): known_until NULL is the version it holds now.
        CREATE TABLE rm_decisions (
          event_id TEXT NOT NULL, known_from TEXT NOT NULL, known_until TEXT,
          proposal_id TEXT NOT NULL, decision_id TEXT NOT NULL, body_id TEXT NOT NULL, post_id TEXT, person_id TEXT,
          outcome TEXT NOT NULL, reference TEXT, date TEXT NOT NULL, in_public INTEGER NOT NULL, meeting_id TEXT,
          rationale TEXT NOT NULL);
        CREATE TABLE rm_recommendations (
          event_id TEXT NOT NULL, known_from TEXT NOT NULL, known_until TEXT,
          proposal_id TEXT NOT NULL, recommendation_id TEXT NOT NULL, by_body_id TEXT NOT NULL, to_body_ids TEXT NOT NULL,
          content TEXT NOT NULL, rationale TEXT NOT NULL, meeting_id TEXT, date TEXT NOT NULL);
        CREATE TABLE rm_votes (
          event_id TEXT NOT NULL, known_from TEXT NOT NULL, known_until TEXT,
          vote_event_id TEXT NOT NULL, person_id TEXT NOT NULL, body_id TEXT NOT NULL, post_id TEXT NOT NULL, option TEXT NOT NULL,
          declared_interest TEXT, proposal_id TEXT NOT NULL, meeting_id TEXT NOT NULL, date TEXT NOT NULL);
        CREATE TABLE rm_vote_events (
          vote_event_id TEXT PRIMARY KEY, proposal_id TEXT NOT NULL, meeting_id TEXT NOT NULL, question TEXT NOT NULL,
          rule TEXT NOT NULL, counts TEXT, result TEXT, unanimous INTEGER);
        -- The queries' indexes (a rebuild from scratch builds most at its end: BUILT_AFTER_A_REBUILD).
        CREATE INDEX rm_proposals_status ON rm_proposals (status, proposal_id);
        CREATE INDEX rm_proposals_alliance ON rm_proposals (alliance_id, proposal_id);
        CREATE INDEX rm_proposals_body ON rm_proposals (body_id, proposal_id);
        CREATE INDEX rm_decisions_by_date ON rm_decisions (date, event_id);
        CREATE INDEX rm_decisions_body ON rm_decisions (body_id, date, event_id);
        CREATE INDEX rm_recommendations_by_date ON rm_recommendations (date, event_id);
        CREATE INDEX rm_decisions_proposal ON rm_decisions (proposal_id, date);
        CREATE INDEX rm_recommendations_proposal ON rm_recommendations (proposal_id, date);
        CREATE INDEX rm_votes_person ON rm_votes (person_id, date, event_id);
        CREATE INDEX rm_snapshots_at ON rm_snapshots (stream, valid_from, revision);
      `);
      for (const key of REGISTER_KEYS) db.exec(key);
    },
  },
  {
    version: 2,
    description: "visibility: each event's scopes and whether the public may see it; the scopes hidden now",
    up(db) {
      db.exec(`
        -- One row per event, written as the projector applies it (visibility.ts has the rule). An
        -- event without a row is not projected yet, and the public does not see it.
        CREATE TABLE rm_event_visibility (position INTEGER PRIMARY KEY, meeting_id TEXT, entry_id TEXT, public INTEGER NOT NULL);
        -- Judged again when their scope is hidden or shown: few events have an entry.
        CREATE INDEX rm_event_visibility_meeting ON rm_event_visibility (meeting_id) WHERE meeting_id IS NOT NULL;
        CREATE INDEX rm_event_visibility_entry ON rm_event_visibility (entry_id) WHERE entry_id IS NOT NULL;
        -- Private meetings ('meeting:<id>') and withheld entries ('entry:<event id>'), as the ledger's latest
        -- word says, each with the position of the event that hid it.
        CREATE TABLE rm_hidden_scopes (scope TEXT PRIMARY KEY, hidden_by INTEGER NOT NULL) WITHOUT ROWID;
        -- Documents by what they belong to; event_id is the entry scope an exempt one is withheld by.
        CREATE TABLE rm_documents (
          document_id TEXT PRIMARY KEY, event_id TEXT, title TEXT NOT NULL, kind TEXT NOT NULL, media_type TEXT NOT NULL,
          sha256 TEXT NOT NULL, size INTEGER NOT NULL, published_at TEXT NOT NULL, visibility TEXT NOT NULL,
          exempt_paragraph INTEGER, meeting_id TEXT, item_id TEXT, proposal_id TEXT, decision_id TEXT,
          occurred_at TEXT NOT NULL, recorded_at TEXT NOT NULL);
        CREATE INDEX rm_documents_meeting ON rm_documents (meeting_id) WHERE meeting_id IS NOT NULL;
      `);
    },
  },
  {
    version: 3,
    description: 'decisions: whether the source said if a decision was taken in public (0: not stated)',
    up(db) {
      // in_public stays NOT NULL (SQLite cannot loosen it in place); a decision whose publicity the
      // source does not state has in_public_stated 0, and its in_public means nothing.
      db.exec('ALTER TABLE rm_decisions ADD COLUMN in_public_stated INTEGER NOT NULL DEFAULT 1');
    },
  },
  {
    version: 4,
    description: "decisions: the decision record's register fields (issue 16), never its exempt annex",
    up(db) {
      // What a PCC's register lists of each record. key_decision and significant_public_interest
      // are NULL when not stated, as is every other column the record leaves out. The exempt
      // annex has no column: a register row is public whenever its decision is.
      for (const column of [
        'title TEXT',
        'stage TEXT',
        'undoes_decision_id TEXT',
        'key_decision INTEGER',
        'significant_public_interest INTEGER',
        'signed_by TEXT',
        'signed_on TEXT',
        'published_on TEXT',
        'delegate_id TEXT',
        'delegate_role TEXT',
        'delegation_scheme TEXT',
      ])
        db.exec(`ALTER TABLE rm_decisions ADD COLUMN ${column}`);
    },
  },
  {
    version: 5,
    description:
      'meetings and bodies, not stated (issue 16): publicity and founding date may be NULL; dates of reduced precision with their approximate flag and first instant',
    up(db) {
      // SQLite cannot drop NOT NULL in place, so both tables are made again and their rows copied
      // (a new PROJECTION_VERSION rebuilds them from the events anyway). rm_meetings.public is
      // NULL when the source does not say (not stated is not private); scheduled_instant is the
      // first instant of scheduled_for (the cut rule), which date filters compare. rm_bodies'
      // founding_date is NULL when not stated; listed_from is the instant a register drawn "as of"
      // a cut lists the body from: its founding date's first instant, else its registration's.
      db.exec(`
        CREATE TABLE rm_meetings_not_stated (
          meeting_id TEXT PRIMARY KEY, title TEXT NOT NULL, body_ids TEXT NOT NULL, alliance_id TEXT, scheduled_for TEXT NOT NULL,
          scheduled_for_approximate INTEGER NOT NULL DEFAULT 0, scheduled_instant TEXT NOT NULL,
          status TEXT NOT NULL, public INTEGER, held_on TEXT, place TEXT, chair TEXT, attendees TEXT NOT NULL,
          agenda TEXT NOT NULL, minutes TEXT, recorded_at TEXT NOT NULL);
        INSERT INTO rm_meetings_not_stated (meeting_id, title, body_ids, alliance_id, scheduled_for, scheduled_instant, status, public, held_on, place, chair, attendees, agenda, minutes, recorded_at)
          SELECT meeting_id, title, body_ids, alliance_id, scheduled_for, scheduled_for, status, public, held_on, place, chair, attendees, agenda, minutes, recorded_at FROM rm_meetings;
        DROP TABLE rm_meetings;
        ALTER TABLE rm_meetings_not_stated RENAME TO rm_meetings;
        CREATE TABLE rm_bodies_not_stated (
          body_id TEXT PRIMARY KEY, name TEXT NOT NULL, classification TEXT NOT NULL, area TEXT, powers TEXT NOT NULL,
          founding_date TEXT, founding_date_approximate INTEGER NOT NULL DEFAULT 0, listed_from TEXT NOT NULL,
          dissolution_date TEXT, successor_id TEXT, recorded_at TEXT NOT NULL);
        INSERT INTO rm_bodies_not_stated (body_id, name, classification, area, powers, founding_date, listed_from, dissolution_date, successor_id, recorded_at)
          SELECT body_id, name, classification, area, powers, founding_date, founding_date, dissolution_date, successor_id, recorded_at FROM rm_bodies;
        DROP TABLE rm_bodies;
        ALTER TABLE rm_bodies_not_stated RENAME TO rm_bodies;
      `);
    },
  },
  {
    version: 6,
    description:
      "meetings held on a day no source gives (issue 16): the held date's approximate flag beside held_on, which keeps the date as given",
    up(db) {
      // held_on keeps the MeetingHeld entry's occurredAt as given (a year, a month, a day or a
      // date-time), so its precision is read from it; only whether it is a guess needs a column.
      db.exec('ALTER TABLE rm_meetings ADD COLUMN held_on_approximate INTEGER NOT NULL DEFAULT 0');
    },
  },
  {
    version: 7,
    description:
      "decisions by person (issue 16): a person's decisions as decision-maker, signatory or delegated officer",
    up(db) {
      // GET /people/{id}/decisions reads a person's rows under any of the three names, each by its
      // own index (SQLite answers the OR as three lookups), in the register's order.
      db.exec(`
        CREATE INDEX rm_decisions_person ON rm_decisions (person_id, date, event_id) WHERE person_id IS NOT NULL;
        CREATE INDEX rm_decisions_signed_by ON rm_decisions (signed_by, date, event_id) WHERE signed_by IS NOT NULL;
        CREATE INDEX rm_decisions_delegate ON rm_decisions (delegate_id, date, event_id) WHERE delegate_id IS NOT NULL;
      `);
    },
  },
  {
    version: 8,
    description:
      'visibility: the agenda item and the decision an event names, so a later correction that withholds them withholds it too',
    up(db) {
      // item_key is 'meeting/item', decision_key 'proposal/decision' (visibility.ts): a document,
      // an interest or a review is judged against their scopes too. Few events name one, so a
      // rebuild keeps these indexes (a correction judges the events that name its item again).
      db.exec(`
        ALTER TABLE rm_event_visibility ADD COLUMN item_key TEXT;
        ALTER TABLE rm_event_visibility ADD COLUMN decision_key TEXT;
        CREATE INDEX rm_event_visibility_item ON rm_event_visibility (item_key) WHERE item_key IS NOT NULL;
        CREATE INDEX rm_event_visibility_decision ON rm_event_visibility (decision_key) WHERE decision_key IS NOT NULL;
      `);
    },
  },
  {
    version: 9,
    description:
      'visibility: the meeting of the vote that carried a decision, so a decision carried by a vote at a private meeting is withheld',
    up(db) {
      // The domain's rule (takenInPrivate, libs/domain/src/shared/publicity.ts): such a decision
      // was taken in private. An event's vote_meeting_id is judged as its meeting_id is (and
      // judged again when that meeting's publicity changes); a decision's register row finds the
      // vote's meeting by its vote_event_id in rm_vote_events (a vote's meeting is never corrected).
      db.exec(`
        ALTER TABLE rm_event_visibility ADD COLUMN vote_meeting_id TEXT;
        CREATE INDEX rm_event_visibility_vote_meeting ON rm_event_visibility (vote_meeting_id) WHERE vote_meeting_id IS NOT NULL;
        ALTER TABLE rm_decisions ADD COLUMN vote_event_id TEXT;
      `);
    },
  },
  {
    version: 10,
    description:
      "visibility: a decision's meetings (its own and its carrying vote's), so what names it is withheld while either is private",
    up(db) {
      // A decision taken at a meeting later found private, or carried by a vote taken at one, is
      // taken in private (takenInPrivate): the events that name it (a document, a review) are
      // judged against these meetings too (noHiddenScope, visibility.ts), by decision_key, and
      // judged again, by meeting_id, when a meeting's publicity changes. Written once per decision.
      db.exec(`
        CREATE TABLE rm_decision_meetings (
          decision_key TEXT NOT NULL, meeting_id TEXT NOT NULL, PRIMARY KEY (decision_key, meeting_id)) WITHOUT ROWID;
        CREATE INDEX rm_decision_meetings_meeting ON rm_decision_meetings (meeting_id);
      `);
    },
  },
  {
    version: 11,
    description:
      "registers of decisions and recommendations: whether each entry's date is a guess, beside the date as given",
    up(db) {
      // `date` keeps the entry's occurredAt as given (a year, a month, a day or a date-time); the
      // flag is its entry's occurredAtApproximate, which no correction changes (entry-dates.ts).
      db.exec(`
        ALTER TABLE rm_decisions ADD COLUMN date_approximate INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE rm_recommendations ADD COLUMN date_approximate INTEGER NOT NULL DEFAULT 0;
      `);
    },
  },
];

/** Every table that holds projected rows: emptied together, compared together. */
export const READ_MODEL_TABLES = [
  'rm_aggregates',
  'rm_entity_events',
  'rm_proposals',
  'rm_bodies',
  'rm_people',
  'rm_meetings',
  'rm_meeting_bodies',
  'rm_decisions',
  'rm_recommendations',
  'rm_votes',
  'rm_vote_events',
  'rm_snapshots',
  'rm_corrections',
  'rm_event_visibility',
  'rm_hidden_scopes',
  'rm_documents',
  'rm_decision_meetings',
] as const;
