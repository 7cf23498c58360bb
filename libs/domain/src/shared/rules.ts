/**
 * Every rule of the domain that can refuse a command, in one place. Each has a stable code (the
 * HTTP layer turns it into a problem type) and a sentence a clerk can act on.
 */
export const DOMAIN_RULES = {
  'already-exists': 'It is already recorded; record a correction to change it.',
  'not-found': 'It has not been recorded.',
  'date-in-future': 'Nothing may be dated in the future.',
  'date-goes-backwards':
    'Within one record, entries that change its state (a meeting’s attendance among them: its quorum is checked on it) are entered in the order they happened; to fix what an earlier entry says, record a correction; to fix its date, retract it and record it again with the right date (a retracted entry, and the retraction, no longer hold later entries back).',
  'ends-before-start':
    'A term of office, or a body’s membership of an alliance, ends on or after the day it starts: its endDate is not before its startDate (a founding member’s start is the alliance’s foundingDate).',
  'date-before-record':
    'A fact about a record (a claim, a meeting’s minutes or notice, a source, a document, a note) may be found late and dated before the record’s latest entry, but not before the record began.',
  'advisory-body-cannot-decide': 'An advisory body can recommend but never decide.',
  'body-cannot-recommend': 'Only a deciding or advisory body can recommend.',
  'body-abolished': 'Nothing may be done by a body after it was abolished; its successor acts instead.',
  'body-not-established': 'Nothing may be done by a body before it was established.',
  'not-office-holder': 'Only someone holding a post on the body on that date may vote or decide for it.',
  'not-meeting-chair': 'Only the chair of the meeting at which a vote is taken gives its casting vote.',
  'spoken-for-not-office-holder':
    'Someone who speaks on behalf of a person (a chief executive for a Police and Crime Commissioner) speaks for a person holding an office in the body the entry is for, or in its member, on the date it was said.',
  'proposal-closed':
    'The proposal was withdrawn, discontinued, superseded or taken forward; nothing more can be decided on it.',
  'proposal-decided': 'The proposal has been decided; no more votes can be taken on it.',
  'already-decided':
    "A body's decision on a proposal stands until rescinded or revoked: after a deferral any decision may follow; after an approval in principle, anything but another; after a final approval, the contract's award or signature; after an award, its signature; after a rejection or a signature, only its rescission or revocation.",
  'undo-needs-decision':
    'A rescission or revocation names a standing decision of the same body on the same proposal, which it undoes.',
  'vote-on-another-proposal': 'The vote a decision names as carrying it is a vote on the same proposal.',
  'vote-at-another-meeting':
    'A decision that names both the meeting it was taken at and the vote that carried it names a vote taken at that meeting.',
  'decision-contradicts-vote':
    'A decision agrees with the result of the vote it names, whichever way its motion was put: an approval, a contract’s award or signature, a rescission or a revocation needs a vote that passed; a rejection may follow one that passed (a motion to reject) or was lost (failed, or tied without the chair’s casting vote), not an inquorate one, at which no business was done; a deferral may follow a vote of any result. Where each member decides for itself, the deciding body’s own ballots are its result.',
  'decision-reference-taken':
    "A decision record's reference is used once by its decision-maker within one term of office, whatever the proposal. A decision keeps its reference when it is rescinded or revoked (the undoing is a decision with a reference of its own); a reference is free again only if the entry that held it is retracted or its reference corrected, since the ledger then never held that decision under that number.",
  'interest-without-dispensation':
    'A decision-maker who declares a pecuniary interest may decide only under a dispensation, which the record names.',
  'decision-before-tabled': 'A decision or recommendation cannot be dated before its proposal was tabled.',
  'double-vote': 'One person votes once on one motion.',
  'vote-not-open':
    'A ballot is cast, and a vote closed, only once the vote is open: on or after the date it was opened.',
  'vote-closed': 'The vote has been closed.',
  'not-eligible-to-vote': 'Only the members of the body or alliance taking the vote may vote.',
  'interest-not-declared': 'A recusal must state the interest declared.',
  'meeting-not-held': 'No outcome can be recorded for a meeting that has not been held.',
  'not-meeting-body':
    'What is recorded at a meeting (a decision, a recommendation, a deferral, a vote) is done by a body the meeting is of: one it names or, at an alliance’s meeting, the alliance or one of its members.',
  'not-meeting-day':
    'What is recorded at a meeting (a decision, a recommendation, a deferral, a vote’s opening, its ballots and its closing) is dated the day the meeting was held, or for a meeting that ran past midnight a day up to the one it ended (each date at the precision it is given; a date-time on the day its date part names, in its own offset, as the clerk wrote it).',
  'meeting-cancelled': 'The meeting was cancelled.',
  'meeting-already-held': 'The meeting has already been held.',
  'exemption-needs-reason': 'An exempt (confidential) agenda item must give the ground for exemption.',
  'meeting-inquorate':
    'No business can be transacted at a meeting without a quorum of its members present (Local Government Act 1972 Sch 12 para 6; standing orders).',
  'schedule-12a-paragraph':
    'A resolution to exclude the public names the paragraph of Schedule 12A to the Local Government Act 1972 (1 to 7) that makes the item exempt.',
  'document-must-be-exempt':
    'A document of an exempt agenda item or of a decision taken in private is itself exempt, with its Schedule 12A paragraph.',
  'private-decision-in-public':
    'A decision taken at a private meeting, or carried by a vote taken at one, was taken in private: it cannot be recorded as taken in public.',
  'review-of-private-decision':
    'A decision taken in private is reviewed in private: its review is recorded at a private meeting.',
  'not-decision-maker':
    'Only the body that took the decision (or its successor) gives the formal response to a recommendation on it.',
  'exclusion-needs-exempt-item':
    'The public can be excluded only for agenda items recorded as exempt, each named by the resolution.',
  'not-alliance-member': 'Only a member of the alliance can do this.',
  'discontinuation-needs-decision':
    'A proposal is discontinued by decisions to reject it, which must be recorded first.',
  'correction-target-missing': 'A correction must name an event of the same record.',
  'correction-target-retracted': 'That event has been retracted already.',
  'correction-before-entry':
    'A correction or retraction is made after the entry it names: it is dated on or after that entry.',
  'retraction-leaves-dependent':
    'An entry that a standing entry names or rests on, in its own record or another (a rejection a discontinuation names, a decision a rescission or revocation undoes, a term of office whose end is recorded, the vote a decision was carried by, a meeting’s holding that a vote or decision taken at it rests on, a decision a document or review names, a post a decision or ballot names, the registration or tabling of a record another names) cannot be retracted while that entry stands: retract or correct that entry first.',
  'correction-breaks-dependent':
    'A correction is refused while an entry of another record that names the corrected one could not have been recorded on the record as corrected, though it could on the record as it stood (a vote closed or a decision recorded at a meeting past midnight, once the meeting is corrected to end before then; a decision taken at a meeting corrected to have been inquorate; a decision signed or a ballot cast in a term of office corrected to end before it): correct or retract that entry first. What the public may see of that entry is not refused for: it follows the record as corrected.',
  'entry-breaks-dependent':
    'An entry that ends something from a date of its own (an office holder’s leaving, a body’s abolition) cannot be dated before what another record did on the strength of it (a decision signed or a ballot cast in the term, a decision of the body): correct or retract that entry first, or date this one after it.',
  'correction-changes-unknown-field': 'A correction can only change fields the original event has.',
  'correction-invalid-value':
    'A corrected entry must still be a valid entry of its kind: each field a correction changes holds a value that field allows (a text, a date, true or false, one of its listed values), as when it was first recorded, and its text meets the rules the field’s command meets (well-formed Unicode, no control or bidi override characters, and one line in a field that holds one: an id, a name, a title, a label); what the ledger works out when it records an entry (a vote’s counts and result, whether a declaration is on an exempt item) holds what it works out.',
  'invalid-value': 'A value is outside what the domain allows.',
} as const;

export type DomainRule = keyof typeof DOMAIN_RULES;

/** A command broke a rule of the domain; nothing was written. */
export class DomainRuleViolation extends Error {
  constructor(
    readonly rule: DomainRule,
    /** What was refused, without the rule's sentence: a correction's refusal quotes it (shared/corrected-entries.ts). */
    readonly detail: string,
    readonly context: Record<string, unknown> = {},
  ) {
    super(`${detail} (${DOMAIN_RULES[rule]})`);
    this.name = 'DomainRuleViolation';
  }
}

/** Refuses unless `condition` holds. */
export function ensure(
  condition: unknown,
  rule: DomainRule,
  detail: string,
  context?: Record<string, unknown>,
): asserts condition {
  if (!condition) throw new DomainRuleViolation(rule, detail, context);
}
