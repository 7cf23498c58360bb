import { IdField, LongTextField } from '../shared/fields';
import type { Assert, CommandData, SameShape } from '../shared/type-checks';

/** A proposal is replaced by another. */
export class SupersedeProposalDto {
  @IdField({ description: 'The proposal superseded.', example: 'g4s-back-office' })
  proposalId!: string;

  @IdField({ description: 'The proposal that replaces it.', example: 'herts-support-services' })
  byProposalId!: string;

  @LongTextField({ description: 'Why it was superseded.', example: 'Replaced by a revised business case' })
  reason!: string;
}

type _Matches = Assert<SameShape<SupersedeProposalDto, CommandData<'SupersedeProposal'>>>;
