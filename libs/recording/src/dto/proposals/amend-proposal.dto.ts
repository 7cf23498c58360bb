import { IsNotEmptyObject } from 'class-validator';
import { IdField, LongTextField, NestedField } from '../shared/fields';
import type { Assert, CommandData, SameShape } from '../shared/type-checks';
import { ProposalTermsChangesDto } from './proposal-terms.dto';

/** Changes a proposal's terms. */
export class AmendProposalDto {
  @IdField({ description: 'The proposal amended.', example: 'g4s-back-office' })
  proposalId!: string;

  @NestedField(() => ProposalTermsChangesDto, {
    description: 'The terms changed (at least one).',
    example: { scope: ['HR', 'finance'] },
  })
  @IsNotEmptyObject({ nullable: false }, { message: 'changes must change at least one term' })
  changes!: ProposalTermsChangesDto;

  @LongTextField({ description: 'Why it was amended.', example: 'ICT taken out of scope after the review' })
  reason!: string;

  @IdField({
    description: 'The meeting at which it was amended.',
    example: 'jwg-g4s-meeting',
    optional: true,
  })
  meetingId?: string;
}

type _Matches = Assert<SameShape<AmendProposalDto, CommandData<'AmendProposal'>>>;
