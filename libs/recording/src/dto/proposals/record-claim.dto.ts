import type { ClaimQualifier, ClaimSubject } from '@ledger/domain';
import { CLAIM_QUALIFIERS, CLAIM_SUBJECTS, CLAIM_UNITS } from '../shared/domain-values';
import { AmountField, EnumField, IdField, LongTextField, TextField } from '../shared/fields';
import { SpokenByDto, SpokenByField } from './spoken-by.dto';
import type { Assert, CommandData, SameShape } from '../shared/type-checks';

/** Records a figure someone claimed about a proposal: a contract value, savings, staff affected. */
export class RecordClaimDto {
  @IdField({ description: 'The proposal the claim is about.', example: 'g4s-back-office' })
  proposalId!: string;

  @IdField({ description: 'The id of the claim, unique within the proposal.', example: 'value-77m' })
  claimId!: string;

  @EnumField(CLAIM_SUBJECTS, 'ClaimSubject', {
    description: 'What the figure is about.',
    example: 'contract-value',
  })
  subject!: ClaimSubject;

  @AmountField({ description: 'The figure (a number >= 0, in `unit`).', example: 77_000_000 })
  amount!: number;

  @EnumField(CLAIM_UNITS, 'ClaimUnit', { description: 'The unit of the figure.', example: 'GBP' })
  unit!: CommandData<'RecordClaim'>['unit'];

  @EnumField(CLAIM_QUALIFIERS, 'ClaimQualifier', {
    description: 'How exact the figure is.',
    example: 'up-to',
  })
  qualifier!: ClaimQualifier;

  @TextField({ description: 'The period the figure covers.', example: 'a year', optional: true })
  period?: string;

  @TextField({ description: 'Who made the claim.', example: 'G4S' })
  claimant!: string;

  @LongTextField({ description: 'The claim as made.', example: 'worth up to £77m per year' })
  statement!: string;

  @SpokenByField('the claim for the claimant')
  spokenBy?: SpokenByDto;
}

type _Matches = Assert<SameShape<RecordClaimDto, CommandData<'RecordClaim'>>>;
