import { IdField, IdListField, LongTextField } from '../shared/fields';
import type { Assert, CommandData, SameShape } from '../shared/type-checks';

/** A proposal is discontinued on the strength of recorded decisions to reject it. */
export class DiscontinueProposalDto {
  @IdField({ description: 'The proposal discontinued.', example: 'g4s-back-office' })
  proposalId!: string;

  @IdListField(
    {
      description: 'The recorded decisions to reject it.',
      example: ['discontinue-bedfordshire', 'discontinue-cambridgeshire', 'discontinue-hertfordshire'],
    },
    { min: 1 },
  )
  decisionIds!: string[];

  @LongTextField({
    description: 'Why it was discontinued.',
    example: 'The Strategic Alliance discontinued negotiations with G4S.',
  })
  reason!: string;

  @IdField({
    description: 'The meeting at which it was discontinued.',
    example: 'pcc-g4s-meeting',
    optional: true,
  })
  meetingId?: string;
}

type _Matches = Assert<SameShape<DiscontinueProposalDto, CommandData<'DiscontinueProposal'>>>;
