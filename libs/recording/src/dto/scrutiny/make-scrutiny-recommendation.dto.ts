import { IdField, LongTextField } from '../shared/fields';
import type { Assert, CommandData, SameShape } from '../shared/type-checks';

/** A recommendation of a review to the decision-maker. */
export class MakeScrutinyRecommendationDto {
  @IdField({ description: 'The review.', example: 'pcp-review-herts-2013-03' })
  reviewId!: string;

  @IdField({ description: 'The id of the recommendation, unique within the review.', example: 'r1' })
  recommendationId!: string;

  @LongTextField({
    description: 'The recommendation.',
    example: 'That the Commissioner publishes the business case before the contract is let.',
  })
  text!: string;
}

type _Matches = Assert<SameShape<MakeScrutinyRecommendationDto, CommandData<'MakeScrutinyRecommendation'>>>;
