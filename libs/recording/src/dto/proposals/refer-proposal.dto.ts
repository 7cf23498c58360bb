import { IdField, IdListField, LongTextField } from '../shared/fields';
import type { Assert, CommandData, SameShape } from '../shared/type-checks';

/** A body refers a proposal to others, whose decisions then count on it. */
export class ReferProposalDto {
  @IdField({ description: 'The proposal referred.', example: 'g4s-back-office' })
  proposalId!: string;

  @IdField({ description: 'The body that refers it.', example: 'jwg' })
  byBodyId!: string;

  @IdListField(
    {
      description: 'The bodies it is referred to.',
      example: ['pa-bedfordshire', 'pa-cambridgeshire', 'pa-hertfordshire'],
    },
    { min: 1 },
  )
  toBodyIds!: string[];

  @LongTextField({
    description: 'Why it was referred.',
    example: 'Each police authority must consider any change in public',
  })
  reason!: string;

  @IdField({
    description: 'The meeting at which it was referred.',
    example: 'jwg-g4s-meeting',
    optional: true,
  })
  meetingId?: string;
}

type _Matches = Assert<SameShape<ReferProposalDto, CommandData<'ReferProposal'>>>;
