import type { RecommendationContent } from '@ledger/domain';
import { RECOMMENDATION_CONTENTS } from '../shared/domain-values';
import { EnumField, IdField, IdListField, LongTextField } from '../shared/fields';
import type { Assert, CommandData, SameShape } from '../shared/type-checks';

/** A body recommends to others what to do about a proposal. */
export class IssueRecommendationDto {
  @IdField({ description: 'The proposal the recommendation is about.', example: 'g4s-back-office' })
  proposalId!: string;

  @IdField({
    description: 'The id of the recommendation, unique within the proposal.',
    example: 'jwg-g4s-recommendation',
  })
  recommendationId!: string;

  @IdField({ description: 'The body that recommends.', example: 'jwg' })
  byBodyId!: string;

  @IdListField(
    {
      description: 'The bodies it recommends to.',
      example: ['pa-bedfordshire', 'pa-cambridgeshire', 'pa-hertfordshire'],
    },
    { min: 1 },
  )
  toBodyIds!: string[];

  @EnumField(RECOMMENDATION_CONTENTS, 'RecommendationContent', {
    description: 'What it recommends.',
    example: 'do-not-proceed',
  })
  content!: RecommendationContent;

  @LongTextField({ description: 'Why.', example: "The chief constables' assessment of the business case" })
  rationale!: string;

  @IdField({
    description: 'The meeting at which it was made.',
    example: 'jwg-g4s-meeting',
    optional: true,
  })
  meetingId?: string;
}

type _Matches = Assert<SameShape<IssueRecommendationDto, CommandData<'IssueRecommendation'>>>;
