import { IdField, LongTextField } from '../shared/fields';
import { SpokenByDto, SpokenByField } from './spoken-by.dto';
import type { Assert, CommandData, SameShape } from '../shared/type-checks';

/** A member of the alliance takes an alliance proposal forward as its own (already tabled) proposal. */
export class TakeForwardByMemberDto {
  @IdField({ description: 'The alliance proposal taken forward.', example: 'g4s-back-office' })
  proposalId!: string;

  @IdField({ description: 'The member body that takes it forward.', example: 'pcc-hertfordshire' })
  memberBodyId!: string;

  @IdField({
    description: "The member's own proposal, tabled with this one as its parent.",
    example: 'herts-support-services',
  })
  newProposalId!: string;

  @LongTextField({
    description: 'What the member said.',
    example: 'I am already in discussion with other market providers and will continue to talk with G4S.',
  })
  statement!: string;

  @SpokenByField('the statement for the member')
  spokenBy?: SpokenByDto;
}

type _Matches = Assert<SameShape<TakeForwardByMemberDto, CommandData<'TakeForwardByMember'>>>;
