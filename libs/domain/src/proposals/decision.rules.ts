import type { BodyState } from '../bodies/body.state';
import { officeHeldOn, referenceFormatOn } from '../bodies/body.state';
import { referencePattern } from '../bodies/reference-format';
import { registeredPerson } from '../people/person.decider';
import { effectiveEvents, type CorrectionEvent } from '../shared/corrections';
import type { AlongsideWrite, DecideContext, DomainCommand, Recorded, Reference } from '../shared/decider';
import { privateSettingOf } from '../shared/publicity';
import { ensure } from '../shared/rules';
import { barsParticipation } from '../shared/interests';
import { toInstant } from '../shared/time';
import { latestStanding, mayFollow, undoes, undoneBy } from './decision-standing';
import { ensureCarriedByVote } from './decision-vote.rules';
import type { ProposalEvent } from './proposal.events';
import type { DecisionEntry, ProposalState } from './proposal.state';
import { referenceRegisterId, type DecisionReferenceEvent, type ReferenceKey } from './decision-references';

export { referencePattern };

type RecordedDecision = Extract<ProposalEvent, { type: 'DecisionRecorded' }>['data'];

/** Schedule 12A to the Local Government Act 1972 has seven paragraphs of exempt information. */
const SCHEDULE_12A_PARAGRAPHS = 7;

/**
 * What a decision's own fields must agree on: only an approval is given in principle; a
 * rescission or revocation names a standing decision of the same body on this proposal (among
 * `decisions`), and nothing else names one. A public decision may rescind a private one: the
 * rescission is done in public, and names what it undoes; what the public may see of the
 * decision it names is that decision's own publicity (libs/projections visibility.ts).
 */
function ensureOwnFieldsAgree(
  decisions: readonly DecisionEntry[],
  d: RecordedDecision,
  bodyName: string,
): void {
  ensure(
    d.stage !== 'in-principle' || d.outcome === 'approve',
    'invalid-value',
    'Only an approval can be given in principle',
  );
  if (undoes(d)) {
    const target = decisions.find((x) => x.decisionId === d.undoesDecisionId);
    ensure(
      target && target.bodyId === d.bodyId && !undoes(target) && !undoneBy(decisions, target.decisionId),
      'undo-needs-decision',
      `${d.undoesDecisionId ?? 'No decision'} is not a standing decision of ${bodyName} to ${d.outcome}`,
    );
  } else ensure(!d.undoesDecisionId, 'invalid-value', 'Only a rescission or revocation undoes a decision');
}

/** A decision taken at a private meeting, or carried by a vote at one, is not recorded as public. */
export function ensureMayBeInPublic(d: RecordedDecision, refs: DecideContext['refs']): void {
  if (d.inPublic !== true) return;
  const setting = privateSettingOf(d, refs);
  ensure(
    setting === undefined,
    'private-decision-in-public',
    `Decision ${d.decisionId} was not taken in public: ${setting}`,
  );
}

/**
 * A corrected decision is never left public where it was taken in private, as the ledger holds
 * its meeting and vote now (one found private since holds it too). Its other rules (who held
 * office, what it may follow, its own fields) are run when it is re-decided as corrected, on its
 * date (shared/corrected-entries.ts).
 */
export function checkCorrectedDecision(
  corrected: Recorded<ProposalEvent>,
  _state: ProposalState,
  refs: DecideContext['refs'],
): void {
  if (corrected.type === 'DecisionRecorded') ensureMayBeInPublic(corrected.data, refs);
}

/** The staged-decision rules: what may follow this body's standing decision, and what an undoing names. */
export function ensureMayDecide(state: ProposalState, d: RecordedDecision, bodyName: string): void {
  ensureOwnFieldsAgree(state.decisions, d, bodyName);
  if (undoes(d)) return;
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

/** The register a decision's reference is kept in: its body, its decision-maker, the reference. */
export function referenceKeyOf(d: { bodyId: string; personId?: string; reference: string }): ReferenceKey {
  return {
    bodyId: d.bodyId,
    ...(d.personId !== undefined ? { personId: d.personId } : {}),
    reference: d.reference,
  };
}

/** A decision taking a reference: which one, where, on what date. */
interface Claim extends ReferenceKey {
  proposalId: string;
  decisionId: string;
  date: string;
}

/** A decision of this proposal as its stream holds it, with its date. */
type OwnDecision = Pick<DecisionEntry, 'decisionId' | 'bodyId' | 'personId' | 'reference' | 'date'>;

/**
 * The `decision-reference-taken` rule. A reference is used once by its decision-maker within one
 * term of office, across every proposal: it is held by the decisions the register lists (a
 * decision recorded before registers were kept is listed by derivation, see decision-references.ts)
 * and by any decision on this proposal that carries it. A decision keeps its reference when it is
 * rescinded or revoked (it was taken, and numbered; the undoing is a decision of its own, with a
 * reference of its own), so a register never gives a number twice. An entry that is retracted (it
 * was recorded in error) or whose reference is corrected (the ledger had the wrong number) frees
 * it: the ledger never held that decision under that number.
 */
function ensureReferenceFree(
  claim: Claim,
  body: BodyState,
  refs: DecideContext['refs'],
  own: readonly OwnDecision[],
): void {
  const term = termOf(body, claim.personId, claim.date);
  const self = (h: { proposalId: string; decisionId: string }) =>
    h.proposalId === claim.proposalId && h.decisionId === claim.decisionId;
  const register = refs.get('decisionref', referenceRegisterId(claim));
  const held = register?.holders.find((h) => !self(h) && termOf(body, claim.personId, h.date) === term);
  const onThisProposal = own.find(
    (x) =>
      x.decisionId !== claim.decisionId &&
      x.bodyId === claim.bodyId &&
      x.reference != null &&
      String(x.reference) === claim.reference &&
      termOf(body, x.personId, x.date) === term,
  );
  const holder = held ?? (onThisProposal && { ...onThisProposal, proposalId: claim.proposalId });
  ensure(
    !holder,
    'decision-reference-taken',
    `${claim.reference} is decision ${holder?.decisionId} of ${body.name} in the same term (on proposal ${holder?.proposalId})`,
    { reference: claim.reference, decisionId: holder?.decisionId, proposalId: holder?.proposalId },
  );
}

/** A reference follows the body's format in force on the decision's date. */
function ensureReferenceFormat(reference: string, body: BodyState, date: string): void {
  const format = referenceFormatOn(body, date);
  if (format)
    ensure(
      referencePattern(format).test(reference),
      'invalid-value',
      `${reference} does not follow ${body.name}'s format ${format}, in force on ${date}`,
    );
}

/** A record's reference as text: a correction may have given a number, which reads back as its text. */
const referenceOf = (d: RecordedDecision | undefined): string | undefined => {
  const reference: unknown = d?.reference;
  return typeof reference === 'string' || typeof reference === 'number' ? String(reference) : undefined;
};

/**
 * A reference follows the body's format on its date, and is free for the decision-maker in that
 * term. Read as text: a decision decided again when an earlier entry is corrected or retracted
 * may hold a number a correction gave it before the domain refused one (`referenceOf`).
 */
export function ensureReference(
  state: ProposalState,
  d: RecordedDecision,
  body: BodyState,
  { occurredAt, refs }: Pick<DecideContext, 'occurredAt' | 'refs'>,
): void {
  const reference = referenceOf(d);
  if (reference === undefined) return;
  ensureReferenceFormat(reference, body, occurredAt);
  ensureReferenceFree(
    {
      ...referenceKeyOf({ ...d, reference }),
      proposalId: d.proposalId,
      decisionId: d.decisionId,
      date: occurredAt,
    },
    body,
    refs,
    state.decisions,
  );
}

/** The reservation a decision taking a reference writes in its register. */
export function reservationOf(d: Claim): AlongsideWrite {
  const key = referenceKeyOf(d);
  return {
    kind: 'decisionref',
    id: referenceRegisterId(key),
    events: [
      {
        type: 'DecisionReferenceReserved',
        data: { ...key, proposalId: d.proposalId, decisionId: d.decisionId },
      } satisfies DecisionReferenceEvent,
    ],
  };
}

/** Releases what a decision holds in a register: each of its stored reservations, retracted. */
function releaseOf(d: Claim, refs: DecideContext['refs'], reason: string): AlongsideWrite[] {
  const id = referenceRegisterId(referenceKeyOf(d));
  const mine = (refs.get('decisionref', id)?.holders ?? []).filter(
    (h) => !h.derived && h.proposalId === d.proposalId && h.decisionId === d.decisionId,
  );
  if (mine.length === 0) return [];
  return [
    {
      kind: 'decisionref',
      id,
      events: mine.map((h) => ({ type: 'EventRetracted', data: { eventId: h.eventId, reason } })),
    },
  ];
}

type CorrectionData = { eventId: string; reason: string; changes?: Record<string, unknown> };

/** The decision a correction or retraction on this proposal names, as it stands and as it will. */
function correctedDecision(
  command: DomainCommand,
  history: readonly Recorded[],
):
  | { target: Recorded<Extract<ProposalEvent, { type: 'DecisionRecorded' }>>; after?: RecordedDecision }
  | undefined {
  if (command.type !== 'CorrectEvent' && command.type !== 'RetractEvent') return undefined;
  const { eventId, changes } = command.data as CorrectionData;
  const target = effectiveEvents(history as Recorded<ProposalEvent | CorrectionEvent>[]).find(
    (e) => e.id === eventId,
  );
  if (target?.type !== 'DecisionRecorded') return undefined;
  const after =
    command.type === 'RetractEvent' ? undefined : ({ ...target.data, ...changes } as RecordedDecision);
  return { target: target, after };
}

/** What a correction or retraction of a decision needs read: its body and the registers of its old and new reference. */
export function correctionReferencesOf(command: DomainCommand, history: readonly Recorded[]): Reference[] {
  const corrected = correctedDecision(command, history);
  if (!corrected) return [];
  const { target, after } = corrected;
  return [
    { kind: 'body', id: target.data.bodyId },
    ...[referenceOf(target.data), referenceOf(after)]
      .filter((r): r is string => r !== undefined)
      .map((reference) => ({
        kind: 'decisionref' as const,
        id: referenceRegisterId(referenceKeyOf({ ...target.data, reference })),
      })),
  ];
}

/**
 * A correction that changes a decision's reference takes the new one (it must follow the format
 * in force on the decision's date, and be free) and frees the old one; a retraction frees it.
 */
export function correctionAlongside(
  command: DomainCommand,
  history: readonly Recorded[],
  { refs }: Pick<DecideContext, 'refs'>,
): AlongsideWrite[] {
  const corrected = correctedDecision(command, history);
  if (!corrected) return [];
  // What a corrected reference may be (text, or null for none) is checked with every corrected
  // value, before this (shared/corrections.ts); here only which number it takes and frees.
  const { target, after } = corrected;
  const was = referenceOf(target.data);
  const now = referenceOf(after);
  if (was === now) return [];
  const decision = {
    proposalId: target.data.proposalId,
    decisionId: target.data.decisionId,
    date: target.occurredAt,
  };
  const writes: AlongsideWrite[] = [];
  if (now !== undefined) {
    const body = refs.get('body', target.data.bodyId);
    ensure(body?.exists, 'not-found', `Body ${target.data.bodyId} is not registered`);
    ensureReferenceFormat(now, body, target.occurredAt);
    const own = effectiveEvents(history as Recorded<ProposalEvent | CorrectionEvent>[]).flatMap((e) =>
      e.type === 'DecisionRecorded' ? [{ ...e.data, date: e.occurredAt }] : [],
    );
    const claim = { ...referenceKeyOf({ ...target.data, reference: now }), ...decision };
    ensureReferenceFree(claim, body, refs, own);
    writes.push(reservationOf(claim));
  }
  if (was !== undefined) {
    const { reason } = command.data as CorrectionData;
    writes.push(
      ...releaseOf(
        { ...referenceKeyOf({ ...target.data, reference: was }), ...decision },
        refs,
        now === undefined && command.type === 'RetractEvent'
          ? `Decision ${decision.decisionId}'s entry was retracted: ${reason}`
          : `Decision ${decision.decisionId}'s reference was corrected${now ? ` to ${now}` : ''}: ${reason}`,
      ),
    );
  }
  return writes;
}

/** The record's own fields: who signed and when it was published, interests, the exempt annex, its vote and recommendation. */
export function ensureRecordFields(
  state: ProposalState,
  d: RecordedDecision,
  { occurredAt, refs }: DecideContext,
): void {
  if (d.delegation) {
    ensure(
      d.personId && d.postId,
      'invalid-value',
      'A delegated decision names the post holder it is taken for',
    );
    registeredPerson(refs, d.delegation.personId);
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
    // Not after now: held with every date a command gives (shared/time.ts, assertGivenDatesNotInFuture).
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
  ensureCarriedByVote(state, d, refs);
}
