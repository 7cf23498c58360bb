import {
  proposalStatus,
  toInstant,
  type AggregateKind,
  type AggregateStates,
  type References,
} from '@ledger/domain';
import type { Writes } from './writes';

/** The rows each kind of aggregate owns, by table and key column. Registers of entries are versioned apart (register-versions.ts). */
const ROWS_OF: Record<AggregateKind, Array<[string, string]>> = {
  body: [['rm_bodies', 'body_id']],
  person: [['rm_people', 'person_id']],
  alliance: [],
  proposal: [['rm_proposals', 'proposal_id']],
  meeting: [
    ['rm_meetings', 'meeting_id'],
    ['rm_meeting_bodies', 'meeting_id'],
  ],
  vote: [['rm_vote_events', 'vote_event_id']],
  document: [['rm_documents', 'document_id']],
  question: [],
  review: [],
};

/** A meeting's publicity as its column holds it: 1 public, 0 private, NULL not stated. */
export const publicColumn = (value: boolean | undefined): number | null =>
  value === undefined ? null : value ? 1 : 0;

/**
 * The instant a body is listed from in a register drawn "as of" a cut: its founding date's first
 * instant (the cut rule), or, when no founding date is stated, its registration's date, from
 * which a read of the body itself at a cut finds it.
 */
export function listedFrom(s: AggregateStates['body']): string {
  const from = s.foundingDate ?? s.registeredOn;
  return from === undefined ? '' : toInstant(from);
}

/**
 * Writes the register rows of one aggregate from its folded state. The same function serves an
 * incremental update and a rebuild, so both give the same rows. Old rows of the aggregate are
 * replaced whole: a correction can change any of them.
 */
export function renderAggregate(
  out: Writes,
  kind: AggregateKind,
  id: string,
  state: AggregateStates[AggregateKind],
  context: { refs: References; now: string; position: number; firstRecordedAt: string },
): void {
  const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
  if (!(state as { exists: boolean }).exists) {
    // Its founding event was retracted: it has no rows any more (the audit trail still has it).
    for (const [table, column] of ROWS_OF[kind]) out.run(`DELETE FROM ${table} WHERE ${column} = ?`, [id]);
    return;
  }
  switch (kind) {
    case 'body': {
      const s = state as AggregateStates['body'];
      out.run(
        `INSERT OR REPLACE INTO rm_bodies (body_id, name, classification, area, powers, founding_date, founding_date_approximate, listed_from, dissolution_date, successor_id, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          id,
          s.name,
          s.classification,
          s.area ?? null,
          s.powers,
          s.foundingDate ?? null,
          s.foundingDateApproximate ? 1 : 0,
          listedFrom(s),
          s.dissolutionDate ?? null,
          s.successorId ?? null,
          context.firstRecordedAt,
        ],
      );
      return;
    }
    case 'person': {
      const s = state as AggregateStates['person'];
      out.run(
        'INSERT OR REPLACE INTO rm_people (person_id, name, honorific_prefix, recorded_at) VALUES (?, ?, ?, ?)',
        [id, s.name, s.honorificPrefix ?? null, context.firstRecordedAt],
      );
      return;
    }
    case 'alliance':
      return; // read from rm_aggregates
    case 'proposal': {
      const s = state as AggregateStates['proposal'];
      const view = proposalStatus(s, context.refs, context.now);
      out.run(
        `INSERT OR REPLACE INTO rm_proposals (proposal_id, title, status, lifecycle, alliance_id, body_id, tabled_by, tabled_at, tabled_recorded_at, parent_proposal_id, waiting_for, last_position)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          id,
          s.terms.title,
          view.status,
          s.lifecycle,
          s.allianceId ?? null,
          s.bodyId ?? null,
          s.tabledBy,
          s.tabledAt,
          context.firstRecordedAt,
          s.parentProposalId ?? null,
          JSON.stringify(view.waitingFor),
          context.position,
        ],
      );
      return;
    }
    case 'meeting': {
      const s = state as AggregateStates['meeting'];
      out.run(
        `INSERT OR REPLACE INTO rm_meetings (meeting_id, title, body_ids, alliance_id, scheduled_for, scheduled_for_approximate, scheduled_instant, status, public, held_on, held_on_approximate, place, chair, attendees, agenda, minutes, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          id,
          s.title,
          JSON.stringify(s.bodyIds),
          s.allianceId ?? null,
          s.scheduledFor,
          s.scheduledForApproximate ? 1 : 0,
          toInstant(s.scheduledFor),
          s.status,
          publicColumn(s.public),
          s.heldOn ?? null,
          s.heldOnApproximate ? 1 : 0,
          s.place ?? null,
          json(s.chair),
          JSON.stringify(s.attendees),
          JSON.stringify(s.agenda),
          json(s.minutes),
          context.firstRecordedAt,
        ],
      );
      out.run('DELETE FROM rm_meeting_bodies WHERE meeting_id = ?', [id]);
      for (const bodyId of s.bodyIds)
        out.run('INSERT INTO rm_meeting_bodies (body_id, meeting_id, scheduled_for) VALUES (?, ?, ?)', [
          bodyId,
          id,
          s.scheduledFor,
        ]);
      return;
    }
    case 'document': {
      const s = state as AggregateStates['document'];
      out.run(
        `INSERT OR REPLACE INTO rm_documents (document_id, event_id, title, kind, media_type, sha256, size, published_at, visibility, exempt_paragraph, meeting_id, item_id, proposal_id, decision_id, occurred_at, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          id,
          s.eventId ?? null,
          s.title,
          s.kind,
          s.mediaType,
          s.sha256,
          s.size,
          s.publishedAt,
          s.visibility,
          s.exemptParagraph ?? null,
          s.meetingId ?? null,
          s.itemId ?? null,
          s.proposalId ?? null,
          s.decisionId ?? null,
          s.occurredAt ?? s.publishedAt,
          context.firstRecordedAt,
        ],
      );
      return;
    }
    case 'vote': {
      const s = state as AggregateStates['vote'];
      out.run(
        `INSERT OR REPLACE INTO rm_vote_events (vote_event_id, proposal_id, meeting_id, question, rule, counts, result, unanimous) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          id,
          s.proposalId,
          s.meetingId,
          s.question,
          JSON.stringify(s.rule),
          json(s.closed?.counts),
          s.closed?.result ?? null,
          s.closed ? (s.closed.unanimous ? 1 : 0) : null,
        ],
      );
      return;
    }
  }
}
