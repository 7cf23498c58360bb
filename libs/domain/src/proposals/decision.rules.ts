import type { BodyState } from '../bodies/body.state';
import { officeHeldOn } from '../bodies/body.state';
import type { DecideContext } from '../shared/decider';
import { ensure } from '../shared/rules';
import { barsParticipation } from '../shared/interests';
import { toInstant } from '../shared/time';
import { latestStanding, mayFollow, undoes, undoneBy } from './decision-standing';
import type { ProposalEvent } from './proposal.events';
import type { ProposalState } from './proposal.state';

type RecordedDecision = Extract<ProposalEvent, { type: 'DecisionRecorded' }>['data'];

/** Schedule 12A to the Local Government Act 1972 has seven paragraphs of exempt information. */
const SCHEDULE_12A_PARAGRAPHS = 7;

/**
 * A body's reference format as a pattern: literal text, `{seq:N}` a number of at least N digits,
 * `{year}` four digits. `PCC/D/{seq:3}` accepts PCC/D/001 and PCC/D/1032.
 */
export function referencePattern(format: string): RegExp {
  const parts = format.split(/(\{seq:\d+\}|\{year\})/).map((part) => {
    const seq = /^\{seq:(\d+)\}$/.exec(part);
    if (seq) return `\\d{${seq[1]},}`;
    if (part === '{year}') return '\\d{4}';
    return part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  });
  return new RegExp(`^${parts.join('')}$`);
}

/** The staged-decision rules: what may follow this body's standing decision, and what an undoing names. */
export function ensureMayDecide(state: ProposalState, d: RecordedDecision, bodyName: string): void {
  ensure(
    d.stage !== 'in-principle' || d.outcome === 'approve',
    'invalid-value',
    'Only an approval can be given in principle',
  );
  if (undoes(d)) {
    const target = state.decisions.find((x) => x.decisionId === d.undoesDecisionId);
    ensure(
      target &&
        target.bodyId === d.bodyId &&
        !undoes(target) &&
        !undoneBy(state.decisions, target.decisionId),
      'undo-needs-decision',
      `${d.undoesDecisionId ?? 'No decision'} is not a standing decision of ${bodyName} to ${d.outcome}`,
    );
    return;
  }
  ensure(!d.undoesDecisionId, 'invalid-value', 'Only a rescission or revocation undoes a decision');
  const standing = latestStanding(state.decisions, (id) => id === d.bodyId);
  ensure(
    mayFollow(standing, d),
    'already-decided',
    `${bodyName} decided to ${standing?.outcome}${standing?.stage === 'in-principle' ? ' in principle' : ''} on ${standing?.date}`,
  );
}

/** The term of office the decision falls in: the decision-maker's membership on its date. */
function termOf(body: BodyState, personId: string | undefined, date: string): string | undefined {
  return personId ? officeHeldOn(body, personId, date)?.membershipId : undefined;
}

/** A reference follows the body's format and is used once per decision-maker and per term. */
export function ensureReference(
  state: ProposalState,
  d: RecordedDecision,
  body: BodyState,
  date: string,
): void {
  if (d.reference === undefined) return;
  if (body.decisionReferenceFormat)
    ensure(
      referencePattern(body.decisionReferenceFormat).test(d.reference),
      'invalid-value',
      `${d.reference} does not follow ${body.name}'s format ${body.decisionReferenceFormat}`,
    );
  const term = termOf(body, d.personId, date);
  const clash = state.decisions.find(
    (x) => x.bodyId === d.bodyId && x.reference === d.reference && termOf(body, x.personId, x.date) === term,
  );
  ensure(
    !clash,
    'decision-reference-taken',
    `${d.reference} is decision ${clash?.decisionId} of ${body.name} in the same term`,
  );
}

/** The record's own fields: who signed and when it was published, interests, the exempt annex, its vote and recommendation. */
export function ensureRecordFields(
  state: ProposalState,
  d: RecordedDecision,
  { occurredAt, now, refs }: DecideContext,
): void {
  if (d.delegation) {
    ensure(
      d.personId && d.postId,
      'invalid-value',
      'A delegated decision names the post holder it is taken for',
    );
    ensure(
      refs.get('person', d.delegation.personId)?.exists,
      'not-found',
      `Person ${d.delegation.personId} is not registered`,
    );
  }
  if (d.signed) {
    const signers = [d.personId, d.delegation?.personId].filter(Boolean);
    ensure(
      signers.includes(d.signed.personId),
      'invalid-value',
      `${d.signed.personId} neither took the decision nor decided under delegation`,
    );
    ensure(
      toInstant(d.signed.on) >= toInstant(state.tabledAt),
      'decision-before-tabled',
      `Signed on ${d.signed.on}, before ${state.terms.title} was tabled`,
    );
  }
  if (d.publishedOn) {
    ensure(toInstant(d.publishedOn) <= toInstant(now), 'date-in-future', `Published on ${d.publishedOn}`);
    ensure(
      toInstant(d.publishedOn) >= toInstant(d.signed?.on ?? occurredAt),
      'invalid-value',
      `A record is published after it is signed, not on ${d.publishedOn}`,
    );
  }
  for (const interest of d.interests ?? [])
    ensure(
      !barsParticipation(interest),
      'interest-without-dispensation',
      `${interest.personId} declared a pecuniary interest (${interest.description}) and had no dispensation`,
    );
  if (d.exemptAnnex)
    ensure(
      Number.isInteger(d.exemptAnnex.paragraph) &&
        d.exemptAnnex.paragraph >= 1 &&
        d.exemptAnnex.paragraph <= SCHEDULE_12A_PARAGRAPHS,
      'exemption-needs-reason',
      `Schedule 12A has paragraphs 1 to 7, not ${d.exemptAnnex.paragraph}`,
    );
  if (d.recommendationId)
    ensure(
      state.recommendations.some((r) => r.recommendationId === d.recommendationId),
      'not-found',
      `Recommendation ${d.recommendationId} is not recorded on ${state.terms.title}`,
    );
  if (d.voteEventId) {
    const vote = refs.get('vote', d.voteEventId);
    ensure(
      vote?.exists && vote.proposalId === state.proposalId,
      'not-found',
      `Vote ${d.voteEventId} on ${state.terms.title} is not recorded`,
    );
    ensure(vote.closed, 'invalid-value', `Vote ${d.voteEventId} is still open, so it carried nothing yet`);
  }
}
