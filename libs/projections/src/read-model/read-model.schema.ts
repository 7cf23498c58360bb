import type { Migration } from '@ledger/event-store';

/**
 * The read models' tables. They are rebuilt from events alone: a change here bumps
 * PROJECTION_VERSION, and the service rebuilds into a fresh generation at start.
 */
export const PROJECTION_VERSION = 4;

/**
 * Indexes that only queries use, never the projector while it renders. A rebuild from scratch
 * drops them and builds each once at the end: one sort instead of an update for every row.
 */
export const QUERY_INDEXES = [
  ['rm_proposals_status', 'rm_proposals (status, proposal_id)'],
  ['rm_proposals_alliance', 'rm_proposals (alliance_id, proposal_id)'],
  ['rm_proposals_body', 'rm_proposals (body_id, proposal_id)'],
  ['rm_decisions_body', 'rm_decisions (body_id, date)'],
  ['rm_votes_person', 'rm_votes (person_id, date)'],
].map(([name, on]) => ({ create: `CREATE INDEX IF NOT EXISTS ${name} ON ${on}`, drop: `DROP INDEX IF EXISTS ${name}` }));

export const readModelMigrations: readonly Migration[] = [
  {
    version: 1,
    description: 'read models: aggregates, entity index, registers',
    up(db) {
      db.exec(`
        CREATE TABLE rm_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        -- Each aggregate's folded state: the projector's snapshot, never the source of truth.
        CREATE TABLE rm_aggregates (stream TEXT PRIMARY KEY, kind TEXT NOT NULL, id TEXT NOT NULL, revision INTEGER NOT NULL, position INTEGER NOT NULL, first_recorded_at TEXT NOT NULL, state TEXT NOT NULL);
        -- Which events concern which entity (proposal:x, body:y, person:z, meeting:m, ...). Its key
        -- is the table (no rowid and no second copy in an index), read entity by entity in order.
        CREATE TABLE rm_entity_events (entity TEXT NOT NULL, position INTEGER NOT NULL, PRIMARY KEY (entity, position)) WITHOUT ROWID;
        -- When each event happened and was recorded: registers filter on it for "as known at". Keyed
        -- by position (an event's id and position go together), so rows are appended in order.
        CREATE TABLE rm_event_times (event_id TEXT NOT NULL, position INTEGER PRIMARY KEY, occurred_at TEXT NOT NULL, recorded_at TEXT NOT NULL);
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
        CREATE TABLE rm_decisions (
          proposal_id TEXT NOT NULL, decision_id TEXT NOT NULL, body_id TEXT NOT NULL, post_id TEXT, person_id TEXT,
          outcome TEXT NOT NULL, reference TEXT, date TEXT NOT NULL, in_public INTEGER NOT NULL, meeting_id TEXT,
          rationale TEXT NOT NULL, event_id TEXT NOT NULL, PRIMARY KEY (proposal_id, decision_id));
        CREATE TABLE rm_recommendations (
          proposal_id TEXT NOT NULL, recommendation_id TEXT NOT NULL, by_body_id TEXT NOT NULL, to_body_ids TEXT NOT NULL,
          content TEXT NOT NULL, rationale TEXT NOT NULL, meeting_id TEXT, date TEXT NOT NULL, event_id TEXT NOT NULL,
          PRIMARY KEY (proposal_id, recommendation_id));
        CREATE TABLE rm_votes (
          vote_event_id TEXT NOT NULL, person_id TEXT NOT NULL, body_id TEXT NOT NULL, post_id TEXT NOT NULL, option TEXT NOT NULL,
          declared_interest TEXT, proposal_id TEXT NOT NULL, meeting_id TEXT NOT NULL, date TEXT NOT NULL, event_id TEXT NOT NULL,
          PRIMARY KEY (vote_event_id, person_id));
        CREATE TABLE rm_vote_events (
          vote_event_id TEXT PRIMARY KEY, proposal_id TEXT NOT NULL, meeting_id TEXT NOT NULL, question TEXT NOT NULL,
          rule TEXT NOT NULL, counts TEXT, result TEXT, unanimous INTEGER);
      `);
      for (const index of QUERY_INDEXES) db.exec(index.create);
    },
  },
];

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
] as const;
