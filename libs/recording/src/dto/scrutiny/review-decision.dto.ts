import { IdField, LongTextField } from '../shared/fields';
import type { Assert, CommandData, SameShape } from '../shared/type-checks';

/** A scrutiny body (a Police and Crime Panel) reviews a decision (a PCC's). */
export class ReviewDecisionDto {
  @IdField({ description: 'The id of the review.', example: 'pcp-review-herts-2013-03' })
  reviewId!: string;

  @IdField({ description: 'The body reviewing.', example: 'pcp-hertfordshire' })
  panelBodyId!: string;

  @IdField({ description: 'The proposal decided.', example: 'herts-support-services' })
  proposalId!: string;

  @IdField({ description: 'The decision reviewed.', example: 'herts-2013-03' })
  decisionId!: string;

  @IdField({
    description: 'The meeting at which it was reviewed (a private one for a decision taken in private).',
    example: 'pcp-herts-2013-04',
    optional: true,
  })
  meetingId?: string;

  @LongTextField({
    description: 'What the review found.',
    example: 'The panel was not shown the business case for the private sector option.',
  })
  findings!: string;
}

type _Matches = Assert<SameShape<ReviewDecisionDto, CommandData<'ReviewDecision'>>>;
