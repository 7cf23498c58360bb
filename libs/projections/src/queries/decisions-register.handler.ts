import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { CutStates } from '../time-travel/cut-states';
import { ProjectionService } from '../projection.service';
import { decisionFor, decisionRowShown, seesEverything } from '../visibility';
import { ListDecisionsQuery, type PersonCapacity, type Publicity } from './registers.query';
import { ensurePersonRegistered, names } from './registers.handler';
import { registerCursor, SqlFilter } from './sql-filter';

type Row = Record<string, unknown>;

const publicityOf = (r: Row): Publicity =>
  r.in_public_stated === 0 ? 'not-stated' : r.in_public === 1 ? 'public' : 'private';

/** A yes/no column: NULL is "not stated", left out of the answer as the decision's own read leaves it out. */
const yesNo = (v: unknown): boolean | undefined => (v === null || v === undefined ? undefined : v === 1);

const optional = (v: unknown): unknown => v ?? undefined;

/**
 * A row of the decisions register as its reader gets it: what a PCC's register lists of each
 * decision record. The row holds nothing exempt (the annex has no column), and a decision taken
 * in private never reaches a public reader (the query's decisionRowShown), nor does its id where a
 * row it may see names it (`decisionFor`: the decision a rescission or revocation undoes).
 */
function entryOf(r: Row, n: ReturnType<typeof names>, proposalTitle: unknown) {
  const signed =
    r.signed_by === null && r.signed_on === null
      ? undefined
      : { personId: optional(r.signed_by), on: optional(r.signed_on), person: n.person(r.signed_by) };
  const delegation =
    r.delegate_id === null && r.delegate_role === null && r.delegation_scheme === null
      ? undefined
      : {
          personId: optional(r.delegate_id),
          role: optional(r.delegate_role),
          scheme: optional(r.delegation_scheme),
          person: n.person(r.delegate_id),
        };
  return {
    decisionId: r.decision_id,
    proposal: { id: r.proposal_id, title: proposalTitle },
    body: n.body(r.body_id),
    person: n.person(r.person_id),
    postId: optional(r.post_id),
    outcome: r.outcome,
    stage: optional(r.stage),
    undoesDecisionId: optional(r.undoes_decision_id),
    reference: optional(r.reference),
    title: optional(r.title),
    date: r.date,
    dateApproximate: r.date_approximate === 1,
    keyDecision: yesNo(r.key_decision),
    significantPublicInterest: yesNo(r.significant_public_interest),
    signed,
    publishedOn: optional(r.published_on),
    delegation,
    // Not stated by the source: left out, as the proposal's own read leaves it out.
    inPublic: r.in_public_stated === 0 ? undefined : r.in_public === 1,
    publicity: publicityOf(r),
    meetingId: optional(r.meeting_id),
    rationale: r.rationale,
    eventId: r.event_id,
  };
}

/** How `personId` is named on a row: decided, signed, decided under delegation (one or more). */
function capacitiesOf(r: Row, personId: string): PersonCapacity[] {
  const named: Array<[unknown, PersonCapacity]> = [
    [r.person_id, 'decision-maker'],
    [r.signed_by, 'signatory'],
    [r.delegate_id, 'delegated-officer'],
  ];
  return named.filter(([id]) => id === personId).map(([, capacity]) => capacity);
}

/** A body's decisions, like a PCC's list of numbered decision records, or those a person is named on. */
@QueryHandler(ListDecisionsQuery)
export class ListDecisionsHandler implements IQueryHandler<ListDecisionsQuery> {
  constructor(
    private readonly projections: ProjectionService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly queries: QueryBus,
  ) {}

  async execute({ filter, page, cut, viewer }: ListDecisionsQuery) {
    // Read by person (GET /people/{id}/decisions, or ?personId=, which the CSV route asks the same
    // way): a person not registered at the cut is 404, not a person who decided nothing.
    if (filter.personId !== undefined)
      await ensurePersonRegistered(this.queries, filter.personId, cut, viewer);
    const db = this.projections.readModels.db;
    // Dates are stored as given (`2013`): filtered by their first instant, as /meetings is.
    const f = new SqlFilter()
      .after('d', page.after)
      .datedRange(db, filter, 'd.date')
      .cut(cut, 'd.date')
      .known(cut, 'd');
    f.when(filter.bodyId, 'd.body_id = ?', filter.bodyId)
      .when(filter.proposalId, 'd.proposal_id = ?', filter.proposalId)
      .when(
        filter.personId,
        '(d.person_id = ? OR d.signed_by = ? OR d.delegate_id = ?)',
        filter.personId,
        filter.personId,
        filter.personId,
      );
    const all = seesEverything(viewer);
    if (!all) f.add(decisionRowShown('d'));
    // Clerks and auditors are told, by the same judgement that filters the public's rows, whether
    // the public sees each one: a decision at a private meeting has no word of its own to say so.
    const shown = all ? `, ${decisionRowShown('d')} AS shown_to_public` : '';
    // The record has a title of its own: the proposal's is named apart.
    const rows = db
      .prepare(
        `SELECT d.*, p.title AS proposal_title${shown} FROM rm_decisions d LEFT JOIN rm_proposals p USING (proposal_id) WHERE ${f.sql} ORDER BY d.date, d.event_id LIMIT ?`,
      )
      .all(...f.params, page.limit) as Row[];
    const n = names(db);
    // At a cut, each proposal's title as it stood then (an amendment or a correction since may have changed it).
    const titles = new Map<unknown, unknown>();
    if (cut.asOf || cut.knownAt) {
      const states = new CutStates(this.store, cut, this.projections.readModels);
      for (const id of new Set(rows.map((r) => r.proposal_id as string))) {
        const { state } = await states.state('proposal', id);
        if (state.exists) titles.set(id, state.terms.title);
      }
    }
    const { personId } = filter;
    const publicEvents = this.projections.readModels.publicEvents();
    const items = rows.map((r) => ({
      ...decisionFor(viewer, entryOf(r, n, titles.get(r.proposal_id) ?? r.proposal_title), (id) =>
        publicEvents.decisionShown(String(r.proposal_id), id),
      ),
      ...(all ? { shownToPublic: r.shown_to_public === 1 } : {}),
      ...(personId !== undefined ? { personCapacities: capacitiesOf(r, personId) } : {}),
    }));
    return { items, next: rows.length === page.limit ? registerCursor(rows[rows.length - 1]) : undefined };
  }
}
