import { VOTE_OPTIONS, type DecisionRule, type InterestType, type VoteOption } from '@ledger/domain';
import type { Assert, CommandData, SameLiterals } from './type-checks';

/**
 * The domain's literal unions as run-time lists, for @IsIn and the OpenAPI enums. Most are the
 * domain's own lists (its types are derived from them, and corrections check against them); the
 * few the domain keeps as types only are listed here and checked against their union: a value
 * added to or removed from the domain fails `tsc` here.
 */
export {
  ATTENDANCES,
  BODY_CLASSIFICATIONS,
  BODY_POWERS,
  CLAIM_QUALIFIERS,
  CLAIM_SUBJECTS,
  CLAIM_UNITS,
  DECISION_OUTCOMES,
  DECISION_STAGES,
  DOCUMENT_KINDS,
  DOCUMENT_VISIBILITIES,
  RECOMMENDATION_CONTENTS,
  RECOMMENDATION_RESPONSES,
} from '@ledger/domain';

export const DECISION_RULE_KINDS = ['unanimity', 'majority', 'each-member'] as const;
export const VOTE_OPTION_VALUES: readonly VoteOption[] = VOTE_OPTIONS;
export const CASTING_VOTE_OPTIONS = ['yes', 'no'] as const;
export const INTEREST_TYPE_VALUES = ['pecuniary', 'other'] as const;

type _Literals = [
  Assert<SameLiterals<typeof DECISION_RULE_KINDS, DecisionRule['kind']>>,
  Assert<SameLiterals<typeof INTEREST_TYPE_VALUES, InterestType>>,
  Assert<
    SameLiterals<typeof CASTING_VOTE_OPTIONS, NonNullable<CommandData<'CloseVote'>['castingVote']>['option']>
  >,
];
