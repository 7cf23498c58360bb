import { IdField } from '../shared/fields';
import type { Assert, CommandData, SameShape } from '../shared/type-checks';
import { ProposalTermsDto } from './proposal-terms.dto';

/** Tables a proposal, alliance-wide (allianceId) or for one body (bodyId). */
export class TableProposalDto extends ProposalTermsDto {
  @IdField({ description: 'The id of the new proposal.', example: 'g4s-back-office' })
  proposalId!: string;

  @IdField({ description: 'The body that tabled it.', example: 'jwg' })
  tabledBy!: string;

  @IdField({
    description: 'The alliance it is for, when alliance-wide.',
    example: 'bch-alliance',
    optional: true,
  })
  allianceId?: string;

  @IdField({
    description: 'The body it is for, when it is not alliance-wide.',
    example: 'pcc-hertfordshire',
    optional: true,
  })
  bodyId?: string;

  @IdField({
    description: 'The proposal this one takes forward.',
    example: 'g4s-back-office',
    optional: true,
  })
  parentProposalId?: string;
}

type _Matches = Assert<SameShape<TableProposalDto, CommandData<'TableProposal'>>>;
