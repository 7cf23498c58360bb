import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  BODY_CLASSIFICATIONS,
  BODY_POWERS,
  CASTING_VOTE_OPTIONS,
  VOTE_OPTION_VALUES,
} from '@ledger/recording';
import {
  approximateOf,
  AS_OF,
  DecisionRuleDto,
  MeetingRefDto,
  NamedDto,
  PostRefDto,
  precisionOf,
} from './common.dto';
import { FOUNDING_DATE, ProposalRefDto } from './registers.dto';

export const VOTE_RESULTS = ['passed', 'failed', 'tied', 'inquorate', 'per-member'] as const;

export class PostDto {
  @ApiProperty({ example: 'commissioner' }) postId!: string;
  @ApiProperty({ example: 'Police and Crime Commissioner for Hertfordshire' }) label!: string;
  @ApiProperty({ example: 'Police and Crime Commissioner' }) role!: string;
}

/** A term of office (Popolo Membership). */
export class OfficeHolderDto {
  @ApiProperty({ example: 'david-lloyd-2012' }) membershipId!: string;
  @ApiProperty({ type: PostRefDto }) post!: PostRefDto;
  @ApiProperty({ type: NamedDto }) person!: NamedDto;
  @ApiProperty({ example: '2012-11-22' }) startDate!: string;
  @ApiPropertyOptional({ example: '2016-05-11' }) endDate?: string;
}

/** A body (Popolo Organization) at a cut. */
export class QuorumFractionViewDto {
  @ApiProperty({ example: 1 }) numerator!: number;
  @ApiProperty({ example: 4 }) denominator!: number;
}

/** A body's quorum: a fraction of its members (rounded up), a least number, or both (the larger counts). */
export class BodyQuorumRuleDto {
  @ApiPropertyOptional({ type: QuorumFractionViewDto }) fraction?: QuorumFractionViewDto;
  @ApiPropertyOptional({ example: 3 }) minimum?: number;
}

/** A form of decision reference and the date it is in force from (until the next one). */
export class ReferenceFormatPeriodDto {
  @ApiProperty({ example: 'PCC/D/{seq:3}' }) format!: string;
  @ApiProperty({ description: 'In force from this date on', example: '2012-11-22' }) from!: string;
}

export class BodyDto {
  @ApiProperty({ example: 'pa-hertfordshire' }) bodyId!: string;
  @ApiProperty({ example: 'Hertfordshire Police Authority' }) name!: string;
  @ApiProperty({ enum: BODY_CLASSIFICATIONS, example: 'police-authority' }) classification!: string;
  @ApiPropertyOptional({ example: 'Hertfordshire' }) area?: string;
  @ApiProperty({
    enum: BODY_POWERS,
    description: 'decides, advises (recommends only) or none',
    example: 'decides',
  })
  powers!: string;
  @ApiPropertyOptional(FOUNDING_DATE) foundingDate?: string;
  @ApiPropertyOptional(precisionOf('foundingDate')) foundingDatePrecision?: string;
  @ApiPropertyOptional(approximateOf('foundingDate')) foundingDateApproximate?: boolean;
  @ApiPropertyOptional({ example: '2012-11-22' }) dissolutionDate?: string;
  @ApiPropertyOptional({
    description:
      'How its decision records are numbered as of the read (`{seq:N}` a number of N digits or more, `{year}`)',
    example: 'PCC/D/{seq:3}',
  })
  decisionReferenceFormat?: string;
  @ApiProperty({
    type: [ReferenceFormatPeriodDto],
    description:
      'Every form it has numbered them in, each from a date on (a decision follows the form in force on its date); empty when none is recorded',
  })
  decisionReferenceFormats!: ReferenceFormatPeriodDto[];
  @ApiPropertyOptional({ type: NamedDto, description: 'The body that took over what was pending with it' })
  successor?: NamedDto;
  @ApiProperty({ type: [PostDto] }) posts!: PostDto[];
  @ApiProperty({ type: [OfficeHolderDto] }) officeHolders!: OfficeHolderDto[];
  @ApiPropertyOptional({
    type: BodyQuorumRuleDto,
    description: 'Its quorum, when its standing orders are recorded',
  })
  quorum?: BodyQuorumRuleDto;
  @ApiProperty(AS_OF) asOf!: string;
}

/** A person (Popolo Person). */
export class PersonDto {
  @ApiProperty({ example: 'graham-bright' }) personId!: string;
  @ApiProperty({ example: 'Graham Bright' }) name!: string;
  @ApiPropertyOptional({ example: 'Sir' }) honorificPrefix?: string;
  @ApiProperty({ description: 'The name as the person is addressed', example: 'Sir Graham Bright' })
  displayName!: string;
  @ApiProperty(AS_OF) asOf!: string;
}

export class AllianceMemberDto {
  @ApiProperty({ type: NamedDto }) body!: NamedDto;
  @ApiProperty({
    description: "When it joined, as given (a founding member's is the alliance's founding date)",
    example: '2012',
  })
  startDate!: string;
  @ApiPropertyOptional({ example: '2012-11-22' }) endDate?: string;
}

/** An alliance of bodies that decide together by a rule. */
export class AllianceDto {
  @ApiProperty({ example: 'bch-alliance' }) allianceId!: string;
  @ApiProperty({ example: 'Bedfordshire, Cambridgeshire and Hertfordshire Strategic Alliance' })
  name!: string;
  @ApiProperty({ type: DecisionRuleDto }) decisionRule!: DecisionRuleDto;
  @ApiProperty({
    description: 'When it was formed, as given: a year, a month, a day or a date-time',
    example: '2012',
  })
  foundingDate!: string;
  @ApiProperty(precisionOf('foundingDate')) foundingDatePrecision!: string;
  @ApiProperty(approximateOf('foundingDate')) foundingDateApproximate!: boolean;
  @ApiProperty({ type: [AllianceMemberDto] }) members!: AllianceMemberDto[];
  @ApiProperty(AS_OF) asOf!: string;
}

export class BallotDto {
  @ApiProperty({ type: NamedDto }) person!: NamedDto;
  @ApiProperty({ type: NamedDto }) body!: NamedDto;
  @ApiProperty({ example: 'commissioner' }) postId!: string;
  @ApiProperty({ enum: VOTE_OPTION_VALUES, example: 'yes' }) option!: string;
  @ApiPropertyOptional({ example: 'Owns shares in a bidder' }) declaredInterest?: string;
  @ApiProperty({ example: '2013-03-01T10:05:00.000Z' }) date!: string;
  @ApiProperty({ example: '01a241f2-f6dd-769e-a1c4-aa44a15eeda8' }) eventId!: string;
}

export class VoteCountsDto {
  @ApiProperty({ example: 1 }) yes!: number;
  @ApiProperty({ example: 0 }) no!: number;
  @ApiProperty({ example: 0 }) abstain!: number;
  @ApiProperty({ example: 0 }) absent!: number;
  @ApiProperty({ example: 0 }) recused!: number;
}

export class CastingVoteDto {
  @ApiProperty({ example: 'graham-bright' }) personId!: string;
  @ApiProperty({ enum: CASTING_VOTE_OPTIONS, example: 'yes' }) option!: string;
  @ApiProperty({ type: NamedDto }) person!: NamedDto;
}

/** A vote (Popolo VoteEvent) at a cut: its question, ballots and, once closed, its result. */
export class VoteDto {
  @ApiProperty({ example: 'herts-vote' }) voteEventId!: string;
  @ApiProperty({ example: 'That Hertfordshire considers outsourcing' }) question!: string;
  @ApiProperty({ type: ProposalRefDto }) proposal!: ProposalRefDto;
  @ApiPropertyOptional({ type: MeetingRefDto }) meeting?: MeetingRefDto;
  @ApiProperty({ type: DecisionRuleDto }) rule!: DecisionRuleDto;
  @ApiProperty({ type: [NamedDto] }) votingBodies!: NamedDto[];
  @ApiProperty({ type: [BallotDto] }) votes!: BallotDto[];
  @ApiProperty({ example: true }) closed!: boolean;
  @ApiPropertyOptional({ enum: VOTE_RESULTS, example: 'passed' }) result?: string;
  @ApiPropertyOptional({ type: VoteCountsDto }) counts?: VoteCountsDto;
  @ApiPropertyOptional({ example: true }) unanimous?: boolean;
  @ApiPropertyOptional({ type: CastingVoteDto }) castingVote?: CastingVoteDto;
  @ApiProperty(AS_OF) asOf!: string;
}
