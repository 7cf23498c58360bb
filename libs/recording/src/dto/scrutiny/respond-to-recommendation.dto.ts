import { RECOMMENDATION_RESPONSES } from '../shared/domain-values';
import { EnumField, IdField, LongTextField } from '../shared/fields';
import type { Assert, CommandData, SameShape } from '../shared/type-checks';

/** The decision-maker's formal response to a recommendation: accepted, rejected or partly, with reasons. */
export class RespondToRecommendationDto {
  @IdField({ description: 'The review.', example: 'pcp-review-herts-2013-03' })
  reviewId!: string;

  @IdField({ description: 'The recommendation answered.', example: 'r1' })
  recommendationId!: string;

  @IdField({
    description: 'The body that took the decision (or its successor).',
    example: 'pcc-hertfordshire',
  })
  respondedBy!: string;

  @IdField({ description: 'The office holder who responded for it.', example: 'david-lloyd', optional: true })
  personId?: string;

  @EnumField(RECOMMENDATION_RESPONSES, 'RecommendationResponse', {
    description: 'Accepted, rejected, or accepted in part.',
    example: 'partly',
  })
  response!: (typeof RECOMMENDATION_RESPONSES)[number];

  @LongTextField({
    description: 'The reasons.',
    example: 'The business case will be published, less the commercially confidential annex.',
  })
  reasons!: string;
}

type _Matches = Assert<SameShape<RespondToRecommendationDto, CommandData<'RespondToRecommendation'>>>;
