import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RECOMMENDATION_RESPONSES } from '@ledger/recording';
import { MeetingRefDto, NamedDto } from './common.dto';
import { ProposalRefDto } from './registers.dto';

export class QuestionAnswerDto {
  @ApiProperty({ type: NamedDto }) answeredBy!: NamedDto;
  @ApiProperty({ example: 'None: the plan concerns back-office services only.' }) answer!: string;
  @ApiProperty({ example: '2013-02-07T10:30:00.000Z' }) answeredAt!: string;
}

/** A question from a member of the public, put at a meeting, and its answer. */
export class QuestionDto {
  @ApiProperty({ example: 'pcp-2013-02-q1' }) questionId!: string;
  @ApiProperty({ type: MeetingRefDto }) meeting!: MeetingRefDto;
  @ApiProperty({ example: 'Mr A. Resident, Stevenage' }) askedBy!: string;
  @ApiProperty({ example: '2013-01-31' }) askedOn!: string;
  @ApiProperty({ type: NamedDto }) to!: NamedDto;
  @ApiPropertyOptional({ type: NamedDto }) toPerson?: NamedDto;
  @ApiProperty({ example: 'How many police staff posts would move to the contractor?' }) question!: string;
  @ApiPropertyOptional({ type: QuestionAnswerDto }) answer?: QuestionAnswerDto;
  @ApiProperty({ example: '2026-01-01T00:00:00.000Z' }) asOf!: string;
}

export class RecommendationResponseDto {
  @ApiProperty({ type: NamedDto }) respondedBy!: NamedDto;
  @ApiPropertyOptional({ type: NamedDto }) person?: NamedDto;
  @ApiProperty({ enum: RECOMMENDATION_RESPONSES, enumName: 'RecommendationResponse', example: 'partly' })
  response!: string;
  @ApiProperty({ example: 'The business case will be published, less the confidential annex.' })
  reasons!: string;
  @ApiProperty({ example: '2013-05-01T00:00:00.000Z' }) respondedAt!: string;
}

export class ScrutinyRecommendationDto {
  @ApiProperty({ example: 'r1' }) recommendationId!: string;
  @ApiProperty({ example: 'That the Commissioner publishes the business case.' }) text!: string;
  @ApiProperty({ example: '2013-04-11T00:00:00.000Z' }) madeAt!: string;
  @ApiPropertyOptional({ type: RecommendationResponseDto }) response?: RecommendationResponseDto;
}

/** A scrutiny body's review of a decision, its recommendations and the decision-maker's responses. */
export class ReviewDto {
  @ApiProperty({ example: 'pcp-review-herts-2013-03' }) reviewId!: string;
  @ApiProperty({ type: NamedDto }) panel!: NamedDto;
  @ApiProperty({ type: ProposalRefDto }) proposal!: ProposalRefDto;
  @ApiProperty({ example: 'herts-2013-03' }) decisionId!: string;
  @ApiPropertyOptional({ type: MeetingRefDto }) meeting?: MeetingRefDto;
  @ApiProperty({ example: 'The panel was not shown the business case.' }) findings!: string;
  @ApiProperty({ example: '2013-04-11T00:00:00.000Z' }) reviewedAt!: string;
  @ApiProperty({ type: [ScrutinyRecommendationDto] }) recommendations!: ScrutinyRecommendationDto[];
  @ApiProperty({ example: '2026-01-01T00:00:00.000Z' }) asOf!: string;
}
