import { ApiProperty, ApiPropertyOptional, OmitType, PickType } from '@nestjs/swagger';
import {
  BODY_CLASSIFICATIONS,
  BODY_POWERS,
  DECISION_OUTCOMES,
  DelegationDto,
  INTEREST_TYPE_VALUES,
  RECOMMENDATION_CONTENTS,
  SignatureDto,
  VOTE_OPTION_VALUES,
} from '@ledger/recording';
import { PERSON_CAPACITIES, PUBLICITIES } from '@ledger/projections';
import { AttendeeDto, approximateOf, NamedDto, precisionOf, PUBLIC_FLAG, PUBLICITY } from './common.dto';
import { DocumentDto } from './documents.dto';
import { ProposalDecisionDto } from './proposal.dto';

/** A body's founding date: as given, and absent (with its precision and flag) when no source states it. */
export const FOUNDING_DATE = {
  description:
    'When it was established, as given (a year, a month, a day or a date-time); absent when no source states it (pages say "Not stated")',
  example: '2012-11-22',
} as const;

export const MEETING_STATUSES = ['scheduled', 'postponed', 'cancelled', 'held'] as const;

export class AgendaItemDto {
  @ApiProperty({ example: 'g4s' }) itemId!: string;
  @ApiProperty({ example: 'Outsourcing to G4S through the Lincolnshire framework' }) title!: string;
  @ApiPropertyOptional({ example: 'g4s-back-office' }) proposalId?: string;
  @ApiProperty({
    description: 'Exempt (confidential) items are shown to clerks and auditors only',
    example: false,
  })
  exempt!: boolean;
  @ApiPropertyOptional({ example: 'Commercially confidential: contract negotiations in progress' })
  exemptionReason?: string;
}

export class MeetingChairDto extends AttendeeDto {
  @ApiPropertyOptional({ type: NamedDto }) person?: NamedDto;
}

export class MinutesDto {
  @ApiProperty({ example: 'Minutes of 31 January 2013' }) minutesReference!: string;
  @ApiProperty({
    description:
      'When they were approved, as given (a year, a month, a day or a date-time): minutes found late are dated where they belong',
    example: '2013-02-28',
  })
  approvedOn!: string;
  @ApiProperty(precisionOf('approvedOn')) approvedOnPrecision!: string;
}

export class BodyQuorumDto {
  @ApiProperty({ example: 'police-and-crime-panel-herts' }) bodyId!: string;
  @ApiProperty({ description: "Members needed, by the body's standing orders on the day", example: 3 })
  required!: number;
  @ApiProperty({ description: 'Its members recorded as present (neither absent nor recused)', example: 7 })
  present!: number;
  @ApiProperty({ example: true }) quorate!: boolean;
}

/** Whether enough members were present, from the recorded attendance (shown when a body of the meeting sets a quorum). */
export class QuorumReportDto {
  @ApiProperty({ example: true }) quorate!: boolean;
  @ApiProperty({ type: [BodyQuorumDto] }) bodies!: BodyQuorumDto[];
  @ApiProperty({
    description:
      'Items at which members with a pecuniary interest (without dispensation) withdrew, leaving too few',
    example: [],
    type: [String],
  })
  inquorateItems!: string[];
}

/** The notice of the meeting and its clear days: reported, never enforced. */
export class NoticeReportDto {
  @ApiProperty({ example: '2013-01-24' }) publishedOn!: string;
  @ApiPropertyOptional({ example: 'Agenda, 24 January 2013' }) reference?: string;
  @ApiPropertyOptional({
    description:
      "Calendar days between publication and the meeting, neither day counted; absent, with clearWorkingDays and met, when the meeting's day is not known (scheduled for a year or a month)",
    example: 13,
  })
  clearDays?: number;
  @ApiPropertyOptional({
    description: 'The same, less Saturdays and Sundays (bank holidays are not known)',
    example: 9,
  })
  clearWorkingDays?: number;
  @ApiPropertyOptional({
    description: 'Five clear working days or more (LGA 1972 s.100A(6)(a), s.100B(3))',
    example: true,
  })
  met?: boolean;
}

/** A resolution excluding the public, as councils publish it. */
export class ExclusionResolutionDto {
  @ApiProperty({ description: 'The paragraph of Schedule 12A (1 to 7)', example: 3 }) paragraph!: number;
  @ApiProperty({ example: 'Disclosure would prejudice negotiations for a contract still being let' })
  publicInterestReason!: string;
  @ApiProperty({ description: 'How many agenda items it covers', example: 1 }) itemCount!: number;
  @ApiPropertyOptional({
    description: 'The exempt items it covers: clerks and auditors only',
    example: ['item-7'],
    type: [String],
  })
  itemIds?: string[];
}

export class DispensationViewDto {
  @ApiProperty({ example: 'Standards Committee' }) grantedBy!: string;
  @ApiProperty({ example: 'Too many members share the interest' }) reason!: string;
}

/** A declaration of interest made at the meeting (one on a withheld item is shown to clerks and auditors only). */
export class MeetingInterestDto {
  @ApiProperty({ example: 'david-lloyd' }) personId!: string;
  @ApiProperty({ enum: INTEREST_TYPE_VALUES, enumName: 'InterestType', example: 'other' }) type!: string;
  @ApiProperty({ example: 'A member of the Hertfordshire County Council' }) description!: string;
  @ApiPropertyOptional({ type: DispensationViewDto }) dispensation?: DispensationViewDto;
  @ApiPropertyOptional({ description: 'The item, when the interest is in one item', example: 'item-5' })
  itemId?: string;
}

/** A document of the meeting (its content: GET /documents/{documentId}/content). */
export class MeetingDocumentDto extends OmitType(DocumentDto, ['contentStored'] as const) {}

/** A meeting. The public sees only the fact of a private meeting (title "Private meeting", no agenda or attendance), and no exempt item. */
export class MeetingDto {
  @ApiProperty({ example: 'pcc-g4s-meeting' }) meetingId!: string;
  @ApiProperty({ example: 'Police and Crime Commissioners of the Strategic Alliance' }) title!: string;
  @ApiProperty({ type: [NamedDto] }) bodies!: NamedDto[];
  @ApiPropertyOptional({ example: 'bch-alliance' }) allianceId?: string;
  @ApiProperty({
    description: 'When it is (or was) to be held, as given: a year, a month, a day or a date-time',
    example: '2013',
  })
  scheduledFor!: string;
  @ApiProperty(precisionOf('scheduledFor')) scheduledForPrecision!: string;
  @ApiProperty(approximateOf('scheduledFor')) scheduledForApproximate!: boolean;
  @ApiProperty({ enum: MEETING_STATUSES, example: 'held' }) status!: string;
  @ApiPropertyOptional({
    description:
      'When it was held, as given (a year, a month, a day or a date-time: "2013" is never a fake 1 January); absent until it is held',
    example: '2013',
  })
  heldOn?: string;
  @ApiPropertyOptional({
    ...precisionOf('heldOn'),
    description: `${precisionOf('heldOn').description}; absent with heldOn`,
  })
  heldOnPrecision?: string;
  @ApiPropertyOptional({
    ...approximateOf('heldOn'),
    description: `${approximateOf('heldOn').description}; absent with heldOn`,
  })
  heldOnApproximate?: boolean;
  @ApiPropertyOptional(PUBLIC_FLAG) public?: boolean;
  @ApiProperty(PUBLICITY) publicity!: string;
  @ApiPropertyOptional({ example: 'Police headquarters, Hinchingbrooke' }) place?: string;
  @ApiPropertyOptional({ type: MeetingChairDto }) chair?: MeetingChairDto;
  @ApiPropertyOptional({ type: [AttendeeDto] }) attendees?: AttendeeDto[];
  @ApiPropertyOptional({ type: [AgendaItemDto] }) agenda?: AgendaItemDto[];
  @ApiPropertyOptional({ type: MinutesDto }) minutes?: MinutesDto;
  @ApiPropertyOptional({ example: '2013-01-31T10:00:00Z' }) startedAt?: string;
  @ApiPropertyOptional({ example: '2013-01-31T12:15:00Z' }) endedAt?: string;
  @ApiPropertyOptional({ format: 'uri', example: 'https://www.youtube.com/@HertsPCC/streams' })
  webcastUrl?: string;
  @ApiPropertyOptional({ format: 'uri', example: 'https://www.hertscommissioner.gov.uk/meetings' })
  documentsUrl?: string;
  @ApiPropertyOptional({ type: QuorumReportDto }) quorum?: QuorumReportDto;
  @ApiPropertyOptional({ type: NoticeReportDto }) notice?: NoticeReportDto;
  @ApiPropertyOptional({ type: [ExclusionResolutionDto] }) exclusions?: ExclusionResolutionDto[];
  @ApiPropertyOptional({ type: [MeetingInterestDto] }) interests?: MeetingInterestDto[];
  @ApiPropertyOptional({ type: [MeetingDocumentDto] }) documents?: MeetingDocumentDto[];
}

export class ProposalRefDto {
  @ApiProperty({ example: 'g4s-back-office' }) id!: string;
  @ApiProperty({ example: 'Outsourcing of organisational support services to G4S' }) title!: string;
}

/** Who signed a decision record and when, with the signatory's name. */
export class RegisterSignatureDto extends SignatureDto {
  @ApiProperty({ type: NamedDto }) person!: NamedDto;
}

/** The officer who decided under a scheme of delegation, with the officer's name. */
export class RegisterDelegationDto extends DelegationDto {
  @ApiProperty({ type: NamedDto }) person!: NamedDto;
}

/**
 * An entry of the decisions register, like a PCC's numbered decision record: what its register
 * lists of the record. Never its exempt annex (not even to auditors: that is on the decision's
 * own read), and never, for the public, a decision taken in private.
 */
export class DecisionEntryDto extends PickType(ProposalDecisionDto, [
  // The record's own fields, described once, on the decision itself.
  'decisionId',
  'postId',
  'outcome',
  'stage',
  'undoesDecisionId',
  'reference',
  'title',
  'publishedOn',
  'keyDecision',
  'significantPublicInterest',
  'inPublic',
  'meetingId',
  'rationale',
  'eventId',
] as const) {
  @ApiProperty({ type: ProposalRefDto }) proposal!: ProposalRefDto;
  @ApiProperty({ type: NamedDto }) body!: NamedDto;
  @ApiPropertyOptional({
    type: NamedDto,
    description: 'Who decided: the post holder the decision is taken for',
  })
  person?: NamedDto;
  @ApiProperty({ example: '2013-01-31T00:00:00.000Z' }) date!: string;
  @ApiProperty(approximateOf('date')) dateApproximate!: boolean;
  @ApiPropertyOptional({ type: RegisterSignatureDto }) signed?: RegisterSignatureDto;
  @ApiPropertyOptional({
    type: RegisterDelegationDto,
    description: 'The officer who decided under delegation, on behalf of `person`',
  })
  delegation?: RegisterDelegationDto;
  @ApiProperty({
    enum: PUBLICITIES,
    description:
      'public, private (listed to clerks and auditors only) or not-stated (the source does not say; not private)',
    example: 'public',
  })
  publicity!: string;
  @ApiPropertyOptional({
    description:
      "To clerks and auditors only: whether the public sees this decision now. False for one taken in private, at a private meeting, or carried by a vote at one (whatever its own `publicity` says), judged as the public's register is filtered",
    example: true,
  })
  shownToPublic?: boolean;
  @ApiPropertyOptional({
    enum: PERSON_CAPACITIES,
    isArray: true,
    description:
      'Read by person (`personId`, or GET /people/{personId}/decisions): how that person is named on it, as the one who decided, signed it, or decided under delegation',
    example: ['decision-maker', 'signatory'],
  })
  personCapacities?: string[];
}

export class WhatCameOfItDto {
  @ApiProperty({ example: 'discontinue-cambridgeshire' }) decisionId!: string;
  @ApiProperty({ type: NamedDto }) body!: NamedDto;
  @ApiProperty({ enum: DECISION_OUTCOMES, example: 'reject' }) outcome!: string;
  @ApiProperty({ example: '2013-01-31T00:00:00.000Z' }) date!: string;
  @ApiProperty(approximateOf('date')) dateApproximate!: boolean;
}

export class RecommendationEntryDto {
  @ApiProperty({ example: 'jwg-g4s-recommendation' }) recommendationId!: string;
  @ApiProperty({ example: 'g4s-back-office' }) proposalId!: string;
  @ApiProperty({ type: NamedDto }) byBody!: NamedDto;
  @ApiProperty({ type: [NamedDto] }) toBodies!: NamedDto[];
  @ApiProperty({ enum: RECOMMENDATION_CONTENTS, example: 'do-not-proceed' }) content!: string;
  @ApiProperty({ example: "The chief constables' assessment" }) rationale!: string;
  @ApiPropertyOptional({ example: 'jwg-g4s-meeting' }) meetingId?: string;
  @ApiProperty({ example: '2012-08-06T00:00:00.000Z' }) date!: string;
  @ApiProperty(approximateOf('date')) dateApproximate!: boolean;
  @ApiProperty({ example: '01a241f2-f62f-76ed-9f82-2708fd8b2ca3' }) eventId!: string;
  @ApiProperty({
    type: [WhatCameOfItDto],
    description: 'The decisions its recipients (or their successors) took after it',
  })
  whatCameOfIt!: WhatCameOfItDto[];
}

export class BodySummaryDto {
  @ApiProperty({ example: 'pa-hertfordshire' }) bodyId!: string;
  @ApiProperty({ example: 'Hertfordshire Police Authority' }) name!: string;
  @ApiProperty({ enum: BODY_CLASSIFICATIONS, example: 'police-authority' }) classification!: string;
  @ApiPropertyOptional({ example: 'Hertfordshire' }) area?: string;
  @ApiProperty({ enum: BODY_POWERS, example: 'decides' }) powers!: string;
  @ApiPropertyOptional(FOUNDING_DATE) foundingDate?: string;
  @ApiPropertyOptional(precisionOf('foundingDate')) foundingDatePrecision?: string;
  @ApiPropertyOptional(approximateOf('foundingDate')) foundingDateApproximate?: boolean;
  @ApiPropertyOptional({ example: '2012-11-22' }) dissolutionDate?: string;
  @ApiPropertyOptional({ example: 'pcc-hertfordshire' }) successorId?: string;
}

/** One ballot of a person, from the votes register. */
export class PersonVoteDto {
  @ApiProperty({ example: 'herts-vote' }) voteEventId!: string;
  @ApiProperty({ example: 'That Hertfordshire considers outsourcing' }) question!: string;
  @ApiPropertyOptional({ example: 'passed' }) result?: string;
  @ApiProperty({ type: NamedDto }) person!: NamedDto;
  @ApiProperty({ type: NamedDto }) body!: NamedDto;
  @ApiProperty({ example: 'commissioner' }) postId!: string;
  @ApiProperty({ enum: VOTE_OPTION_VALUES, example: 'yes' }) option!: string;
  @ApiPropertyOptional({ example: 'Owns shares in a bidder' }) declaredInterest?: string;
  @ApiProperty({ example: 'herts-support-services' }) proposalId!: string;
  @ApiProperty({ example: 'pcc-g4s-meeting' }) meetingId!: string;
  @ApiProperty({ example: '2013-03-01T10:05:00.000Z' }) date!: string;
  @ApiProperty({ example: '01a241f2-f6dd-769e-a1c4-aa44a15eeda8' }) eventId!: string;
}
