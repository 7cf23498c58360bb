import type { Migration } from '@ledger/event-store';

/**
 * The read models' tables. They are rebuilt from events alone: a change here bumps
 * PROJECTION_VERSION, and the service rebuilds into a fresh generation at start.
 */
export const PROJECTION_VERSION = 5;

export const readModelMigrations: readonly Migration[] = [
  {
    version: 1,
    description: 'read models: aggregates, entity index, registers',
    up(db) {
      db.exec(`
        CREATE TABLE rm_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        -- Each aggregate's folded state: the projector's snapshot, never the source of truth.
        CREATE TABLE rm_aggregates (stream TEXT PRIMARY KEY, kind TEXT NOT NULL, id TEXT NOT NULL, revision INTEGER NOT NULL, position INTEGER NOT NULL, first_recorded_at TEXT NOT NULL, state TEXT NOT NULL);
        -- Which events concern which entity (proposal:x, body:y, person:z, meeting:m, ...).
        CREATE TABLE rm_entity_events (entity TEXT NOT NULL, position INTEGER NOT NULL);
        CREATE UNIQUE INDEX rm_entity_events_key ON rm_entity_events (entity, position);
        -- When each event happened and was recorded: registers filter on it for "as known at".
        CREATE TABLE rm_event_times (event_id TEXT NOT NULL, position INTEGER NOT NULL, occurred_at TEXT NOT NULL, recorded_at TEXT NOT NULL);
        CREATE UNIQUE INDEX rm_event_times_key ON rm_event_times (event_id);
        CREATE TABLE rm_proposals (
          proposal_id TEXT PRIMARY KEY, title TEXT NOT NULL, status TEXT NOT NULL, lifecycle TEXT NOT NULL,
          alliance_id TEXT, body_id TEXT, tabled_by TEXT NOT NULL, tabled_at TEXT NOT NULL, tabled_recorded_at TEXT NOT NULL,
          parent_proposal_id TEXT, waiting_for TEXT NOT NULL, last_position INTEGER NOT NULL);
        CREATE INDEX rm_proposals_status ON rm_proposals (status, proposal_id);
        CREATE INDEX rm_proposals_alliance ON rm_proposals (alliance_id, proposal_id);
        CREATE INDEX rm_proposals_body ON rm_proposals (body_id, proposal_id);
        CREATE TABLE rm_bodies (
          body_id TEXT PRIMARY KEY, name TEXT NOT NULL, classification TEXT NOT NULL, area TEXT, powers TEXT NOT NULL,
          founding_date TEXT NOT NULL, dissolution_date TEXT, successor_id TEXT, recorded_at TEXT NOT NULL);
        CREATE TABLE rm_people (person_id TEXT PRIMARY KEY, name TEXT NOT NULL, honorific_prefix TEXT, recorded_at TEXT NOT NULL);
        CREATE TABLE rm_meetings (
          meeting_id TEXT PRIMARY KEY, title TEXT NOT NULL, body_ids TEXT NOT NULL, alliance_id TEXT, scheduled_for TEXT NOT NULL,
          status TEXT NOT NULL, public INTEGER NOT NULL, held_on TEXT, place TEXT, chair TEXT, attendees TEXT NOT NULL,
          agenda TEXT NOT NULL, minutes TEXT, recorded_at TEXT NOT NULL);
        CREATE TABLE rm_meeting_bodies (body_id TEXT NOT NULL, meeting_id TEXT NOT NULL, scheduled_for TEXT NOT NULL, PRIMARY KEY (body_id, meeting_id)) WITHOUT ROWID;
        CREATE TABLE rm_decisions (
          proposal_id TEXT NOT NULL, decision_id TEXT NOT NULL, body_id TEXT NOT NULL, post_id TEXT, person_id TEXT,
          outcome TEXT NOT NULL, reference TEXT, date TEXT NOT NULL, in_public INTEGER NOT NULL, meeting_id TEXT,
          rationale TEXT NOT NULL, event_id TEXT NOT NULL, PRIMARY KEY (proposal_id, decision_id));
        CREATE INDEX rm_decisions_body ON rm_decisions (body_id, date);
        CREATE TABLE rm_recommendations (
          proposal_id TEXT NOT NULL, recommendation_id TEXT NOT NULL, by_body_id TEXT NOT NULL, to_body_ids TEXT NOT NULL,
          content TEXT NOT NULL, rationale TEXT NOT NULL, meeting_id TEXT, date TEXT NOT NULL, event_id TEXT NOT NULL,
          PRIMARY KEY (proposal_id, recommendation_id));
        CREATE TABLE rm_votes (
          vote_event_id TEXT NOT NULL, person_id TEXT NOT NULL, body_id TEXT NOT NULL, post_id TEXT NOT NULL, option TEXT NOT NULL,
          declared_interest TEXT, proposal_id TEXT NOT NULL, meeting_id TEXT NOT NULL, date TEXT NOT NULL, event_id TEXT NOT NULL,
          PRIMARY KEY (vote_event_id, person_id));
        CREATE INDEX rm_votes_person ON rm_votes (person_id, date);
        CREATE TABLE rm_vote_events (
          vote_event_id TEXT PRIMARY KEY, proposal_id TEXT NOT NULL, meeting_id TEXT NOT NULL, question TEXT NOT NULL,
          rule TEXT NOT NULL, counts TEXT, result TEXT, unanimous INTEGER);
      `);
    },
  },
  {
    version: 2,
    description: 'dated snapshots of aggregate states',
    up(db) {
      db.exec(`
        -- See snapshots/snapshot-policy.ts. A row is the state of a stream's first revision + 1
        -- events, which hold for every date from valid_from until the stream's next event.
        CREATE TABLE rm_snapshots (
          stream TEXT NOT NULL, valid_from TEXT NOT NULL, revision INTEGER NOT NULL, recorded_through TEXT NOT NULL, state TEXT NOT NULL,
          PRIMARY KEY (stream, revision)) WITHOUT ROWID;
        CREATE INDEX rm_snapshots_at ON rm_snapshots (stream, valid_from, revision);
        -- Where each stream's corrections are: a read from a snapshot applies those after it
        -- without reading the rest of the stream.
        CREATE TABLE rm_corrections (stream TEXT NOT NULL, revision INTEGER NOT NULL, recorded_at TEXT NOT NULL, PRIMARY KEY (stream, revision)) WITHOUT ROWID;
        -- What the projector needs to know of each stream's last event to take the next snapshot.
        ALTER TABLE rm_aggregates ADD COLUMN last_occurred_at TEXT NOT NULL DEFAULT '';
        ALTER TABLE rm_aggregates ADD COLUMN recorded_through TEXT NOT NULL DEFAULT '';
        ALTER TABLE rm_aggregates ADD COLUMN snapshot_revision INTEGER NOT NULL DEFAULT -1;
        ALTER TABLE rm_aggregates ADD COLUMN snapshot_bytes INTEGER NOT NULL DEFAULT 0;
      `);
    },
  },
  {
    version: 3,
    description: 'registers of entries keep every version with when it was known',
    up(db) {
      // See register-versions.ts. known_until NULL: the version the ledger holds now.
      db.exec(`
        DROP TABLE rm_decisions;
        DROP TABLE rm_recommendations;
        DROP TABLE rm_votes;
        CREATE TABLE rm_decisions (
          event_id TEXT NOT NULL, known_from TEXT NOT NULL, known_until TEXT,
          proposal_id TEXT NOT NULL, decision_id TEXT NOT NULL, body_id TEXT NOT NULL, post_id TEXT, person_id TEXT,
          outcome TEXT NOT NULL, reference TEXT, date TEXT NOT NULL, in_public INTEGER NOT NULL, meeting_id TEXT,
          rationale TEXT NOT NULL, PRIMARY KEY (event_id, known_from));
        CREATE INDEX rm_decisions_by_date ON rm_decisions (date, event_id);
        CREATE INDEX rm_decisions_body ON rm_decisions (body_id, date, event_id);
        CREATE INDEX rm_decisions_proposal ON rm_decisions (proposal_id, date);
        CREATE TABLE rm_recommendations (
          event_id TEXT NOT NULL, known_from TEXT NOT NULL, known_until TEXT,
          proposal_id TEXT NOT NULL, recommendation_id TEXT NOT NULL, by_body_id TEXT NOT NULL, to_body_ids TEXT NOT NULL,
          content TEXT NOT NULL, rationale TEXT NOT NULL, meeting_id TEXT, date TEXT NOT NULL, PRIMARY KEY (event_id, known_from));
        CREATE INDEX rm_recommendations_by_date ON rm_recommendations (date, event_id);
        CREATE INDEX rm_recommendations_proposal ON rm_recommendations (proposal_id, date);
        CREATE TABLE rm_votes (
          event_id TEXT NOT NULL, known_from TEXT NOT NULL, known_until TEXT,
          vote_event_id TEXT NOT NULL, person_id TEXT NOT NULL, body_id TEXT NOT NULL, post_id TEXT NOT NULL, option TEXT NOT NULL,
          declared_interest TEXT, proposal_id TEXT NOT NULL, meeting_id TEXT NOT NULL, date TEXT NOT NULL, PRIMARY KEY (event_id, known_from));
        CREATE INDEX rm_votes_person ON rm_votes (person_id, date, event_id);
        CREATE INDEX rm_votes_vote_event ON rm_votes (vote_event_id);
      `);
    },
  },
];

/**
 * The keys of the per-event index tables. A rebuild from scratch drops them, appends its rows,
 * and builds them once at the end: far cheaper than keeping them up to date row by row.
 */
export const BULK_LOADED_KEYS = [
  'CREATE UNIQUE INDEX IF NOT EXISTS rm_entity_events_key ON rm_entity_events (entity, position)',
  'CREATE UNIQUE INDEX IF NOT EXISTS rm_event_times_key ON rm_event_times (event_id)',
] as const;

/** Every table that holds projected rows: emptied together, compared together. */
export const READ_MODEL_TABLES = [
  'rm_aggregates',
  'rm_entity_events',
  'rm_event_times',
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
] as const;
