import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DECISION_OUTCOMES } from '@ledger/recording';
import { PROPOSAL_STATUSES } from '../reading-query.dto';
import {
  APPROXIMATE,
  approximateOf,
  MeetingRefDto,
  NamedDto,
  PostRefDto,
  SOURCES,
  SourceDto,
} from './common.dto';

const STATUS_OR_NONE = [...PROPOSAL_STATUSES, 'none'] as const;

/** One event of the proposal's stream between the two dates, with the status before and after it. */
export class DiffChangeDto {
  @ApiProperty({ example: 21 }) position!: number;
  @ApiProperty({ example: '01a241f2-f62f-76ed-9f82-2708fd8b2ca3' }) eventId!: string;
  @ApiProperty({ example: 'RecommendationIssued' }) type!: string;
  @ApiProperty({ example: '2012-08-06T00:00:00.000Z' }) occurredAt!: string;
  @ApiProperty(APPROXIMATE) occurredAtApproximate!: boolean;
  @ApiProperty({ example: '2012-08-09T15:05:00.000Z' }) recordedAt!: string;
  @ApiProperty({ enum: STATUS_OR_NONE, example: 'under-consideration' }) statusBefore!: string;
  @ApiProperty({ enum: STATUS_OR_NONE, example: 'recommended' }) statusAfter!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      "The event's data, as recorded. The public's copy leaves out exempt fields and the ids of decisions it may not see: `withheldDecisionCount` says how many a list of `decisionIds` left out",
  })
  data!: Record<string, unknown>;
}

export class ProposalDiffDto {
  @ApiProperty({ example: 'g4s-back-office' }) proposalId!: string;
  @ApiProperty({ example: '2012-08-01' }) from!: string;
  @ApiProperty({ example: '2013-02-01' }) to!: string;
  @ApiProperty({
    type: 'string',
    enum: PROPOSAL_STATUSES,
    nullable: true,
    description: 'The status at `from`; null when it was not tabled yet',
    example: 'under-consideration',
  })
  before!: string | null;
  @ApiProperty({ enum: PROPOSAL_STATUSES, example: 'discontinued' }) after!: string;
  @ApiProperty({ type: [DiffChangeDto] }) changes!: DiffChangeDto[];
}

export class OutcomeDto {
  @ApiProperty({ example: 'ProposalDiscontinued' }) type!: string;
  @ApiProperty({ example: '2013-01-31T00:00:00.000Z' }) occurredAt!: string;
  @ApiProperty(APPROXIMATE) occurredAtApproximate!: boolean;
  @ApiPropertyOptional({ example: 'The Strategic Alliance discontinued negotiations with G4S.' })
  reason?: string;
  @ApiPropertyOptional({ type: SourceDto }) source?: SourceDto;
  @ApiPropertyOptional(SOURCES) sources?: SourceDto[];
  @ApiPropertyOptional({ type: MeetingRefDto }) meeting?: MeetingRefDto;
}

/** A decision behind the outcome, with who took it, where, on what source, and who recorded it. */
export class DecidedByDecisionDto {
  @ApiProperty({ example: 'discontinue-hertfordshire' }) decisionId!: string;
  @ApiProperty({ enum: DECISION_OUTCOMES, example: 'reject' }) outcome!: string;
  @ApiProperty({ example: '2013-01-31T00:00:00.000Z' }) date!: string;
  @ApiProperty(approximateOf('date')) dateApproximate!: boolean;
  @ApiPropertyOptional({ example: 'PCC/2013/01' }) reference?: string;
  @ApiPropertyOptional({
    description:
      'Whether it was taken in public; absent when the source does not say (not stated is not private)',
    example: true,
  })
  inPublic?: boolean;
  @ApiProperty({ example: 'The G4S framework contract was not suitable for the three forces.' })
  rationale!: string;
  @ApiProperty({ type: NamedDto }) body!: NamedDto;
  @ApiPropertyOptional({ type: PostRefDto }) post?: PostRefDto;
  @ApiPropertyOptional({ type: NamedDto }) person?: NamedDto;
  @ApiPropertyOptional({ type: MeetingRefDto }) meeting?: MeetingRefDto;
  @ApiPropertyOptional({ type: SourceDto }) source?: SourceDto;
  @ApiPropertyOptional(SOURCES) sources?: SourceDto[];
  @ApiPropertyOptional({
    description: 'Who recorded it: clerks and auditors only',
    example: 'clerk:town-clerk',
  })
  recordedBy?: string;
  @ApiPropertyOptional({ example: '2013-02-04T11:00:00.000Z' }) recordedAt?: string;
  @ApiProperty({ example: '01a241f2-f6dd-769e-a1c4-aa44a15eeda8' }) eventId!: string;
  @ApiPropertyOptional({
    description: "The event's SHA-256 hash",
    example: '177bfa4c073025d2d83c253bd0edde088fc5513d622e33748d4bab03d684e154',
  })
  hash?: string;
}

export class DecidedByDto {
  @ApiProperty({ example: 'g4s-back-office' }) proposalId!: string;
  @ApiProperty({ example: 'Outsourcing of organisational support services to G4S' }) title!: string;
  @ApiProperty({ enum: PROPOSAL_STATUSES, example: 'discontinued' }) status!: string;
  @ApiPropertyOptional({ example: true }) unanimous?: boolean;
  @ApiPropertyOptional({ type: OutcomeDto, description: 'The event that closed it, when decisions did' })
  outcome?: OutcomeDto;
  @ApiProperty({ type: [DecidedByDecisionDto] }) decisions!: DecidedByDecisionDto[];
}
