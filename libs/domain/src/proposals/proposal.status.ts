import { membersOn } from '../alliances/alliance.decider';
import { membersResult, type MemberPosition } from '../alliances/decision-rule';
import { standingBodyOn } from '../bodies/body.rules';
import type { References } from '../shared/decider';
import { latestStanding, memberPositionOf, positionOf } from './decision-standing';
import { decidingBodiesOn } from './proposal.decider';
import type { DecisionEntry, RecommendationEntry, ProposalState } from './proposal.state';

/**
 * What the users ask of a proposal: its overall status by its alliance's rule, each deciding
 * body's own position, and who it is still waiting for. Successors count: after a police
 * authority was abolished, its PCC stands where it stood.
 */
export type ProposalStatus =
  | 'under-consideration'
  | 'recommended'
  | 'agreed'
  | 'rejected'
  | 'deferred'
  | 'withdrawn'
  | 'discontinued'
  | 'superseded'
  | 'taken-forward-by-member';

export type PositionKind =
  | 'none'
  | 'recommended-for'
  | 'recommended-against'
  | 'approved-in-principle'
  | 'approved'
  | 'rejected'
  | 'deferred';

export interface BodyPosition {
  bodyId: string;
  /** The body it stands for, when it is a successor (the police authority a PCC replaced). */
  standsFor: string[];
  position: PositionKind;
  decision?: Pick<
    DecisionEntry,
    'decisionId' | 'outcome' | 'stage' | 'reference' | 'date' | 'meetingId' | 'personId' | 'postId' | 'bodyId'
  >;
  recommendation?: Pick<RecommendationEntry, 'recommendationId' | 'content' | 'date' | 'meetingId'>;
}

export interface ProposalStatusView {
  status: ProposalStatus;
  positions: BodyPosition[];
  waitingFor: string[];
  /** Set when closed by decisions: whether every decision behind it went the same way. */
  unanimous?: boolean;
}

/** The rule below in words, for the API's description of a proposal (kept beside the code it describes). */
export const PROPOSAL_STATUS_RULE = [
  "Each deciding body's `position` is its latest decision that stands (one rescinded or revoked no longer counts): `approved` (a final approval, a contract awarded or signed), `approved-in-principle` (not yet an approval), `rejected`, `deferred`; or, with none, its latest recommendation (`recommended-for`, `recommended-against`), or `none`.",
  "`status` is `agreed` or `rejected` as soon as the alliance's decision rule settles it (under unanimity one rejection rejects; agreement needs every member's final approval), and a settled proposal waits for nobody (`waitingFor` is empty). Otherwise `waitingFor` lists every deciding body (each member of the alliance, the proposal's own body, each body it was referred to) whose final approval or rejection is still missing.",
  'Otherwise it is `deferred` while a body it waits for has deferred it and not decided since (another body approving does not end that), or while a body that does not decide it (a working group) deferred it and nothing was recommended or decided since; then `recommended` once any recommendation exists; else `under-consideration`.',
  'A closed proposal (`withdrawn`, `discontinued`, `superseded`, `taken-forward-by-member`) shows its lifecycle; a closed one waits for nobody.',
  'For the public, all of it is drawn from the events the public may see: a decision taken in private, or anything done at a private meeting, does not count.',
].join(' ');

export function proposalStatus(state: ProposalState, refs: References, asOf: string): ProposalStatusView {
  const standing = (id: string) => standingBodyOn(refs, id, asOf);
  const deciding = decidingBodiesOn(state, { refs }, asOf);
  const positions: BodyPosition[] = deciding.map((bodyId) => {
    const standsFor = [
      ...new Set([
        ...state.decisions.map((d) => d.bodyId),
        ...state.referredTo,
        ...state.recommendations.map((r) => r.byBodyId),
      ]),
    ].filter((id) => id !== bodyId && standing(id) === bodyId);
    const mine = (id: string) => id === bodyId || standsFor.includes(id);
    const decision = latestStanding(state.decisions, mine);
    const recommendation = [...state.recommendations].reverse().find((r) => mine(r.byBodyId));
    let position: PositionKind = 'none';
    if (decision) position = positionOf(decision);
    else if (recommendation?.content === 'proceed') position = 'recommended-for';
    else if (recommendation?.content === 'do-not-proceed') position = 'recommended-against';
    return {
      bodyId,
      standsFor,
      position,
      decision: decision && {
        decisionId: decision.decisionId,
        outcome: decision.outcome,
        stage: decision.stage,
        reference: decision.reference,
        date: decision.date,
        meetingId: decision.meetingId,
        personId: decision.personId,
        postId: decision.postId,
        bodyId: decision.bodyId,
      },
      recommendation: recommendation && {
        recommendationId: recommendation.recommendationId,
        content: recommendation.content,
        date: recommendation.date,
        meetingId: recommendation.meetingId,
      },
    };
  });
  const finallyDecided = (p: BodyPosition) => p.position === 'approved' || p.position === 'rejected';
  // Every body whose agreement the rule needs: the alliance's members (the six corporations sole,
  // chief constables too), the proposal's own body and those it was referred to.
  const stillNeeded = () => positions.filter((p) => !finallyDecided(p)).map((p) => p.bodyId);

  // Unanimous: every body that decided, decided the same way (its latest decision counts).
  const finalOutcomes = positions.flatMap((p) => (p.decision ? [memberPositionOf(p.decision)] : []));
  const unanimous =
    state.discontinuedBy.length > 0 && finalOutcomes.length > 0
      ? finalOutcomes.every((o) => o === finalOutcomes[0])
      : undefined;
  if (state.lifecycle !== 'open') return { status: state.lifecycle, positions, waitingFor: [], unanimous };
  if (state.takenForward) return { status: 'taken-forward-by-member', positions, waitingFor: stillNeeded() };

  // The rule counts the alliance's members (or, for one body's proposal, every body it needs).
  const alliance = state.allianceId ? refs.get('alliance', state.allianceId) : undefined;
  const members = alliance ? new Set(membersOn(alliance, refs, asOf)) : undefined;
  const memberPositions: MemberPosition[] = positions
    .filter((p) => !members || members.has(p.bodyId))
    .map((p) => memberPositionOf(p.decision));
  const collective = membersResult(alliance?.decisionRule ?? { kind: 'unanimity' }, memberPositions);
  // Settled by its rule: nobody's decision can change the outcome, so it waits for nobody.
  if (collective === 'agreed' || collective === 'rejected')
    return { status: collective, positions, waitingFor: [] };
  const waitingFor = stillNeeded();
  // Deferred while (a) a body it waits for has put it off and not decided since (its own latest
  // decision was to defer, or it deferred the proposal after that decision): another body's
  // approval does not end that, as the rule still needs the body that deferred; or (b) a body
  // that does not decide it (a working group) put it off, and nothing was recommended or
  // decided since.
  const deciders = new Set(positions.map((p) => p.bodyId));
  const deferredBy = (bodyId: string) => {
    const p = positions.find((x) => x.bodyId === bodyId);
    if (p?.position === 'deferred') return true;
    const lastDeferral = [...state.deferrals].reverse().find((d) => standing(d.byBodyId) === bodyId);
    return lastDeferral !== undefined && (p?.decision === undefined || p.decision.date <= lastDeferral.date);
  };
  const advisoryDeferral = [...state.deferrals].reverse().find((d) => !deciders.has(standing(d.byBodyId)));
  const actedSince = (date: string) =>
    state.recommendations.some((r) => r.date >= date) || state.decisions.some((d) => d.date >= date);
  if (waitingFor.some(deferredBy) || (advisoryDeferral && !actedSince(advisoryDeferral.date)))
    return { status: 'deferred', positions, waitingFor };
  if (state.recommendations.length > 0) return { status: 'recommended', positions, waitingFor };
  return { status: 'under-consideration', positions, waitingFor };
}
