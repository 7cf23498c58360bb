import {
  VOTE_OPTIONS,
  type Attendance,
  type RecommendationResponse,
  type DocumentKind,
  type DocumentVisibility,
  type InterestType,
  type BodyClassification,
  type BodyPowers,
  type ClaimQualifier,
  type ClaimSubject,
  type DecisionOutcome,
  type DecisionStage,
  type DecisionRule,
  type RecommendationContent,
  type VoteOption,
} from '@ledger/domain';
import type { Assert, CommandData, SameLiterals } from './type-checks';

/**
 * The domain's literal unions as run-time lists, for @IsIn and the OpenAPI enums. Each is
 * checked against its union: a value added to or removed from the domain fails `tsc` here.
 */

export const BODY_CLASSIFICATIONS = [
  'police-authority',
  'police-and-crime-commissioner',
  'chief-constable',
  'joint-working-group',
  'committee',
  'contractor',
  'other',
] as const;
export const BODY_POWERS = ['decides', 'advises', 'none'] as const;
export const DECISION_RULE_KINDS = ['unanimity', 'majority', 'each-member'] as const;
export const CLAIM_SUBJECTS = [
  'contract-value',
  'savings',
  'funding-gap',
  'staff-affected',
  'other',
] as const;
export const CLAIM_QUALIFIERS = ['exactly', 'about', 'up-to', 'more-than'] as const;
export const CLAIM_UNITS = ['GBP', 'people', 'percent'] as const;
export const RECOMMENDATION_CONTENTS = ['proceed', 'do-not-proceed', 'defer', 'amend'] as const;
export const DECISION_OUTCOMES = [
  'approve',
  'reject',
  'defer',
  'award-contract',
  'sign-contract',
  'rescind',
  'revoke',
] as const;
export const DECISION_STAGES = ['in-principle', 'final'] as const;
export const VOTE_OPTION_VALUES: readonly VoteOption[] = VOTE_OPTIONS;
export const CASTING_VOTE_OPTIONS = ['yes', 'no'] as const;
export const ATTENDANCES = ['present', 'absent', 'recused'] as const;
export const INTEREST_TYPE_VALUES = ['pecuniary', 'other'] as const;
export const DOCUMENT_KINDS = ['agenda', 'report', 'minutes', 'decision-notice', 'annex'] as const;
export const DOCUMENT_VISIBILITIES = ['public', 'exempt'] as const;
export const RECOMMENDATION_RESPONSES = ['accept', 'reject', 'partly'] as const;

type _Literals = [
  Assert<SameLiterals<typeof BODY_CLASSIFICATIONS, BodyClassification>>,
  Assert<SameLiterals<typeof BODY_POWERS, BodyPowers>>,
  Assert<SameLiterals<typeof DECISION_RULE_KINDS, DecisionRule['kind']>>,
  Assert<SameLiterals<typeof CLAIM_SUBJECTS, ClaimSubject>>,
  Assert<SameLiterals<typeof CLAIM_QUALIFIERS, ClaimQualifier>>,
  Assert<SameLiterals<typeof CLAIM_UNITS, CommandData<'RecordClaim'>['unit']>>,
  Assert<SameLiterals<typeof RECOMMENDATION_CONTENTS, RecommendationContent>>,
  Assert<SameLiterals<typeof DECISION_OUTCOMES, DecisionOutcome>>,
  Assert<SameLiterals<typeof ATTENDANCES, Attendance>>,
  Assert<SameLiterals<typeof INTEREST_TYPE_VALUES, InterestType>>,
  Assert<SameLiterals<typeof DECISION_STAGES, DecisionStage>>,
  Assert<SameLiterals<typeof DOCUMENT_KINDS, DocumentKind>>,
  Assert<SameLiterals<typeof DOCUMENT_VISIBILITIES, DocumentVisibility>>,
  Assert<SameLiterals<typeof RECOMMENDATION_RESPONSES, RecommendationResponse>>,
  Assert<
    SameLiterals<typeof CASTING_VOTE_OPTIONS, NonNullable<CommandData<'CloseVote'>['castingVote']>['option']>
  >,
];
