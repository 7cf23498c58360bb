import type { DecisionRule } from '@ledger/domain';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsDefined, IsInt, Max, Min, ValidateIf } from 'class-validator';
import { DECISION_RULE_KINDS } from '../shared/domain-values';
import { EnumField, OnlyWhen } from '../shared/fields';
import type { Assert, Equals, KeysOfUnion } from '../shared/type-checks';

type Majority = Extract<DecisionRule, { kind: 'majority' }>;
const isMajority = (rule: DecisionRuleDto) => rule.kind === 'majority';

/**
 * How a body or alliance turns votes into a result. The domain's DecisionRule is a union
 * discriminated on `kind`; here it is one class: `quorum` and `chairHasCastingVote` are required
 * when `kind` is `majority` and refused otherwise.
 */
export class DecisionRuleDto {
  @EnumField(DECISION_RULE_KINDS, 'DecisionRuleKind', {
    description:
      'unanimity: every member must agree; majority: of those present and voting, with a quorum; each-member: each member decides for itself.',
    example: 'unanimity',
  })
  kind!: DecisionRule['kind'];

  @ValidateIf((rule: DecisionRuleDto, value: unknown) => isMajority(rule) || value !== undefined)
  @OnlyWhen('kind', 'majority')
  @IsDefined({ message: 'quorum is required for a majority rule' })
  @IsInt()
  @Min(0)
  @Max(10_000)
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: 10_000,
    description: 'Majority rule only (and then required): how many must be present.',
    example: 3,
  })
  quorum?: Majority['quorum'];

  @ValidateIf((rule: DecisionRuleDto, value: unknown) => isMajority(rule) || value !== undefined)
  @OnlyWhen('kind', 'majority')
  @IsDefined({ message: 'chairHasCastingVote is required for a majority rule' })
  @IsBoolean()
  @ApiPropertyOptional({
    type: Boolean,
    description: "Majority rule only (and then required): whether the chair's casting vote decides a tie.",
    example: true,
  })
  chairHasCastingVote?: Majority['chairHasCastingVote'];
}

/**
 * The flattened class is wider than the union (it would type `{ kind: 'unanimity', quorum: 3 }`),
 * so the check is: every domain rule is a DecisionRuleDto, and the DTO has exactly the union's keys.
 * The narrowing is done at run time by the rules above.
 */
type _Matches = [
  Assert<DecisionRule extends DecisionRuleDto ? true : false>,
  Assert<Equals<keyof DecisionRuleDto, KeysOfUnion<DecisionRule>>>,
];
