import { IdField, LongTextField } from '../shared/fields';
import type { Assert, CommandData, SameShape } from '../shared/type-checks';

/** A proposal is withdrawn by a body. */
export class WithdrawProposalDto {
  @IdField({ description: 'The proposal withdrawn.', example: 'surrey-privatisation' })
  proposalId!: string;

  @IdField({ description: 'The body that withdraws it.', example: 'pa-surrey' })
  byBodyId!: string;

  @LongTextField({ description: 'Why it was withdrawn.', example: 'The plan was abandoned' })
  reason!: string;
}

type _Matches = Assert<SameShape<WithdrawProposalDto, CommandData<'WithdrawProposal'>>>;
