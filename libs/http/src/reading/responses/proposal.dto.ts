import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CLAIM_QUALIFIERS,
  CLAIM_SUBJECTS,
  CLAIM_UNITS,
  DECISION_OUTCOMES,
  DECISION_STAGES,
  DeclaredInterestDto,
  DelegationDto,
  ExemptAnnexDto,
  RECOMMENDATION_CONTENTS,
  SignatureDto,
  SpokenByDto,
} from '@ledger/recording';
import { PROPOSAL_STATUSES } from '../reading-query.dto';
import {
  AS_OF,
  NamedDto,
  PostRefDto,
  SourceDto,
  APPROXIMATE,
  PRECISION,
  SOURCES,
  approximateOf,
} from './common.dto';

export const LIFECYCLES = ['open', 'withdrawn', 'discontinued', 'superseded'] as const;
export const POSITION_KINDS = [
  'none',
  'recommended-for',
  'recommended-against',
  'approved-in-principle',
  'approved',
  'rejected',
  'deferred',
] as const;

const STATUS = {
  enum: PROPOSAL_STATUSES,
  description:
    "By the alliance's decision rule (or the body's own decision): under-consideration, recommended (a recommendation awaits decisions), agreed, rejected, deferred, withdrawn, discontinued, superseded, taken-forward-by-member (closed for the alliance, carried on by one member).",
  example: 'discontinued',
} as const;

export class ProposalSummaryDto {
  @ApiProperty({ example: 'g4s-back-office' }) proposalId!: string;
  @ApiProperty({ example: 'Outsourcing of organisational support services to G4S' }) title!: string;
  @ApiProperty(STATUS) status!: string;
  @ApiPropertyOptional({ example: 'bch-alliance' }) allianceId?: string;
  @ApiPropertyOptional({
    description: 'The body it is for, when it is not alliance-wide',
    example: 'pcc-hertfordshire',
  })
  bodyId?: string;
  @ApiProperty({ example: '2012-03-01T00:00:00.000Z' }) tabledAt!: string;
  @ApiProperty(approximateOf('tabledAt')) tabledAtApproximate!: boolean;
  @ApiProperty({ type: [NamedDto], description: 'The bodies whose decision it still waits for' })
  waitingFor!: NamedDto[];
}

export class PositionDecisionDto {
  @ApiProperty({ example: 'discontinue-hertfordshire' }) decisionId!: string;
  @ApiProperty({ enum: DECISION_OUTCOMES, example: 'reject' }) outcome!: string;
  @ApiPropertyOptional({ enum: DECISION_STAGES, example: 'final' }) stage?: string;
  @ApiPropertyOptional({ example: 'PCC/2013/01' }) reference?: string;
  @ApiProperty({ example: '2013-01-31T00:00:00.000Z' }) date!: string;
  @ApiProperty(approximateOf('date')) dateApproximate!: boolean;
  @ApiPropertyOptional({ example: 'pcc-g4s-meeting' }) meetingId?: string;
  @ApiPropertyOptional({ example: 'david-lloyd' }) personId?: string;
  @ApiPropertyOptional({ example: 'commissioner' }) postId?: string;
  @ApiProperty({ example: 'pcc-hertfordshire' }) bodyId!: string;
  @ApiPropertyOptional({ type: NamedDto }) person?: NamedDto;
}

export class PositionRecommendationDto {
  @ApiProperty({ example: 'jwg-g4s-recommendation' }) recommendationId!: string;
  @ApiProperty({ enum: RECOMMENDATION_CONTENTS, example: 'do-not-proceed' }) content!: string;
  @ApiProperty({ example: '2012-08-06T00:00:00.000Z' }) date!: string;
  @ApiProperty(approximateOf('date')) dateApproximate!: boolean;
  @ApiPropertyOptional({ example: 'jwg-g4s-meeting' }) meetingId?: string;
}

/** Where one deciding body stands on the proposal. */
export class PositionDto {
  @ApiProperty({ type: NamedDto }) body!: NamedDto;
  @ApiProperty({
    type: [NamedDto],
    description: 'The bodies it stands for as their successor (the police authority a PCC replaced)',
  })
  standsFor!: NamedDto[];
  @ApiProperty({
    enum: POSITION_KINDS,
    description:
      'none: nothing decided or recommended yet (or decided in private, for the public); recommended-for / recommended-against: a recommendation awaits its decision; approved (finally, or a contract awarded or signed), approved-in-principle (not yet an approval), rejected, deferred: its latest decision that stands (one rescinded or revoked no longer counts).',
    example: 'rejected',
  })
  position!: string;
  @ApiPropertyOptional({ type: PositionDecisionDto }) decision?: PositionDecisionDto;
  @ApiPropertyOptional({ type: PositionRecommendationDto }) recommendation?: PositionRecommendationDto;
}

/** Who said it and for whom, with the names of the people and body the ledger holds. */
export class SpokenByReadDto extends SpokenByDto {
  @ApiPropertyOptional({ type: NamedDto, description: 'The speaker, when registered' }) person?: NamedDto;
  @ApiPropertyOptional({ type: NamedDto, description: 'The body spoken for' }) forBody?: NamedDto;
  @ApiPropertyOptional({ type: NamedDto, description: 'The person spoken for' }) forPerson?: NamedDto;
}

/** A figure someone claimed about the proposal, with the source it was recorded from. */
export class ClaimDto {
  @ApiProperty({ example: 'value-77m' }) claimId!: string;
  @ApiProperty({ enum: CLAIM_SUBJECTS, example: 'contract-value' }) subject!: string;
  @ApiProperty({ example: 77000000 }) amount!: number;
  @ApiProperty({ enum: CLAIM_UNITS, example: 'GBP' }) unit!: string;
  @ApiProperty({ enum: CLAIM_QUALIFIERS, example: 'up-to' }) qualifier!: string;
  @ApiPropertyOptional({ example: 'a year' }) period?: string;
  @ApiProperty({ description: 'Who made the claim', example: 'news report' }) claimant!: string;
  @ApiProperty({ example: 'worth up to £77m per year' }) statement!: string;
  @ApiPropertyOptional({ type: SpokenByReadDto, description: 'Who made the statement, for the claimant' })
  spokenBy?: SpokenByReadDto;
  @ApiProperty({ example: '01a241f2-f5e0-71a9-85f4-fce36409edf3' }) eventId!: string;
  @ApiPropertyOptional({
    type: SourceDto,
    description: 'Where the claim was recorded from (its first source)',
  })
  source?: SourceDto;
  @ApiPropertyOptional(SOURCES) sources?: SourceDto[];
  @ApiPropertyOptional({ description: 'When the claim was made, as given', example: '2013' })
  occurredAt?: string;
  @ApiPropertyOptional(PRECISION) occurredAtPrecision?: string;
  @ApiPropertyOptional(APPROXIMATE) occurredAtApproximate?: boolean;
}

export class ProposalRecommendationDto {
  @ApiProperty({ example: 'jwg-g4s-recommendation' }) recommendationId!: string;
  @ApiProperty({ example: 'jwg' }) byBodyId!: string;
  @ApiProperty({ type: [String], example: ['pa-bedfordshire'] }) toBodyIds!: string[];
  @ApiProperty({ enum: RECOMMENDATION_CONTENTS, example: 'do-not-proceed' }) content!: string;
  @ApiProperty({ example: "The chief constables' assessment" }) rationale!: string;
  @ApiPropertyOptional({ example: 'jwg-g4s-meeting' }) meetingId?: string;
  @ApiProperty({ example: '01a241f2-f62f-76ed-9f82-2708fd8b2ca3' }) eventId!: string;
  @ApiProperty({ example: '2012-08-06T00:00:00.000Z' }) date!: string;
  @ApiProperty(approximateOf('date')) dateApproximate!: boolean;
  @ApiProperty({ type: NamedDto }) byBody!: NamedDto;
  @ApiProperty({ type: [NamedDto] }) toBodies!: NamedDto[];
}

export class ProposalDecisionDto {
  @ApiProperty({ example: 'discontinue-hertfordshire' }) decisionId!: string;
  @ApiProperty({ example: 'pcc-hertfordshire' }) bodyId!: string;
  @ApiPropertyOptional({ example: 'commissioner' }) postId?: string;
  @ApiPropertyOptional({ example: 'david-lloyd' }) personId?: string;
  @ApiProperty({ enum: DECISION_OUTCOMES, example: 'reject' }) outcome!: string;
  @ApiPropertyOptional({
    enum: DECISION_STAGES,
    description:
      'in-principle (not yet an approval) or final; absent on decisions recorded as final before stages existed',
    example: 'final',
  })
  stage?: string;
  @ApiPropertyOptional({
    description:
      'The decision a rescission or revocation undoes; left out for the public when it may not see that decision (taken in private)',
    example: 'approve-2012',
  })
  undoesDecisionId?: string;
  @ApiPropertyOptional({ example: 'PCC/2013/01' }) reference?: string;
  @ApiPropertyOptional({ example: 'Business support services' }) title?: string;
  @ApiPropertyOptional({ example: 'Not to proceed with the G4S partnership.' }) summary?: string;
  @ApiPropertyOptional({ description: 'Whose report it acted on', example: 'Chief Executive' })
  reportOf?: string;
  @ApiPropertyOptional({ example: 'That the Commissioner does not proceed.' }) recommendation?: string;
  @ApiPropertyOptional({ example: 'jwg-g4s-recommendation' }) recommendationId?: string;
  @ApiPropertyOptional({ type: DelegationDto, description: 'The officer who decided under delegation' })
  delegation?: DelegationDto;
  @ApiPropertyOptional({ type: SignatureDto }) signed?: SignatureDto;
  @ApiPropertyOptional({ example: '2013-02-04' }) publishedOn?: string;
  @ApiPropertyOptional({ example: true }) keyDecision?: boolean;
  @ApiPropertyOptional({ example: true }) significantPublicInterest?: boolean;
  @ApiPropertyOptional({ example: 'None.' }) financialImplications?: string;
  @ApiPropertyOptional({ example: 'None.' }) legalImplications?: string;
  @ApiPropertyOptional({ type: [DeclaredInterestDto] }) interests?: DeclaredInterestDto[];
  @ApiPropertyOptional({
    type: ExemptAnnexDto,
    description: 'The exempt annex (Schedule 12A): clerks and auditors only, never the public',
  })
  exemptAnnex?: ExemptAnnexDto;
  @ApiPropertyOptional({ description: 'The vote that carried it', example: 'vote-2013-01' })
  voteEventId?: string;
  @ApiPropertyOptional({
    description:
      'Whether it was taken in public; absent when the source does not say (not stated is not private)',
    example: true,
  })
  inPublic?: boolean;
  @ApiPropertyOptional({ example: 'pcc-g4s-meeting' }) meetingId?: string;
  @ApiProperty({ example: 'The G4S framework contract was not suitable for the three forces.' })
  rationale!: string;
  @ApiProperty({ example: '01a241f2-f6dd-769e-a1c4-aa44a15eeda8' }) eventId!: string;
  @ApiProperty({ example: '2013-01-31T00:00:00.000Z' }) date!: string;
  @ApiProperty(approximateOf('date')) dateApproximate!: boolean;
  @ApiPropertyOptional({
    type: SourceDto,
    description: 'Where the decision was recorded from (its first source)',
  })
  source?: SourceDto;
  @ApiPropertyOptional(SOURCES) sources?: SourceDto[];
  @ApiPropertyOptional({ description: 'When it was decided, as given', example: '2013-01-31' })
  occurredAt?: string;
  @ApiPropertyOptional(PRECISION) occurredAtPrecision?: string;
  @ApiPropertyOptional(APPROXIMATE) occurredAtApproximate?: boolean;
  @ApiProperty({ type: NamedDto }) body!: NamedDto;
  @ApiPropertyOptional({ type: NamedDto }) person?: NamedDto;
  @ApiPropertyOptional({ type: PostRefDto }) post?: PostRefDto;
}

export class TakenForwardDto {
  @ApiProperty({ example: 'pcc-hertfordshire' }) memberBodyId!: string;
  @ApiProperty({ example: 'herts-support-services' }) newProposalId!: string;
  @ApiProperty({
    example: 'Hertfordshire will consider outsourcing of all services in the future.',
  })
  statement!: string;
  @ApiProperty({ example: '2013-01-31T00:00:00.000Z' }) date!: string;
  @ApiProperty(approximateOf('date')) dateApproximate!: boolean;
  @ApiPropertyOptional({ type: SpokenByReadDto, description: 'Who said it, for the member' })
  spokenBy?: SpokenByReadDto;
  @ApiProperty({ type: NamedDto }) memberBody!: NamedDto;
}

/** A proposal (Popolo Motion) at a cut: its status, each body's position, and what it waits for. */
export class ProposalDto {
  @ApiProperty({ example: 'g4s-back-office' }) proposalId!: string;
  @ApiProperty({ example: 'Outsourcing of organisational support services to G4S' }) title!: string;
  @ApiProperty({
    example: "A full business case for outsourcing the three forces' organisational support services.",
  })
  description!: string;
  @ApiProperty({ type: [String], example: ['HR', 'finance'] }) scope!: string[];
  @ApiPropertyOptional({ example: 'G4S' }) contractor?: string;
  @ApiPropertyOptional({ example: 'Lincolnshire Police framework contract with G4S' }) framework?: string;
  @ApiPropertyOptional({ example: 'bch-alliance' }) allianceId?: string;
  @ApiPropertyOptional({ example: 'pcc-hertfordshire' }) bodyId?: string;
  @ApiProperty({ type: NamedDto }) tabledBy!: NamedDto;
  @ApiProperty({ example: '2012-03-01T00:00:00.000Z' }) tabledAt!: string;
  @ApiProperty(approximateOf('tabledAt')) tabledAtApproximate!: boolean;
  @ApiPropertyOptional({ example: 'g4s-back-office' }) parentProposalId?: string;
  @ApiProperty(STATUS) status!: string;
  @ApiProperty({ enum: LIFECYCLES, example: 'discontinued' }) lifecycle!: string;
  @ApiPropertyOptional({ example: '2013-01-31T00:00:00.000Z' }) closedAt?: string;
  @ApiPropertyOptional({
    ...approximateOf('closedAt'),
    description: `${approximateOf('closedAt').description}; absent with closedAt`,
  })
  closedAtApproximate?: boolean;
  @ApiPropertyOptional({ example: 'The Strategic Alliance discontinued negotiations with G4S.' })
  closedReason?: string;
  @ApiPropertyOptional({
    description: 'Set when closed by decisions: whether they all went the same way',
    example: true,
  })
  unanimous?: boolean;
  @ApiPropertyOptional({ example: 'met-back-office' }) supersededBy?: string;
  @ApiPropertyOptional({ type: TakenForwardDto }) takenForward?: TakenForwardDto;
  @ApiProperty({ type: [NamedDto] }) waitingFor!: NamedDto[];
  @ApiProperty({ type: [PositionDto] }) positions!: PositionDto[];
  @ApiProperty({ type: [ClaimDto] }) claims!: ClaimDto[];
  @ApiProperty({ type: [ProposalRecommendationDto] }) recommendations!: ProposalRecommendationDto[];
  @ApiProperty({ type: [ProposalDecisionDto] }) decisions!: ProposalDecisionDto[];
  @ApiProperty(AS_OF) asOf!: string;
}

const OF_PROPOSAL = { description: 'The proposal it was recorded on', example: 'g4s-back-office' } as const;

/** A decision read on its own (`GET /proposals/{id}/decisions/{decisionId}`). */
export class DecisionDto extends ProposalDecisionDto {
  @ApiProperty(OF_PROPOSAL) proposalId!: string;
  @ApiProperty(AS_OF) asOf!: string;
}

/** A recommendation read on its own. */
export class RecommendationDto extends ProposalRecommendationDto {
  @ApiProperty(OF_PROPOSAL) proposalId!: string;
  @ApiProperty(AS_OF) asOf!: string;
}

/** A claim read on its own, with its source. */
export class ClaimReadDto extends ClaimDto {
  @ApiProperty(OF_PROPOSAL) proposalId!: string;
  @ApiProperty(AS_OF) asOf!: string;
}
