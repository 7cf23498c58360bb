import type { ClassConstructor } from 'class-transformer';
import { AddAllianceMemberDto } from './alliances/add-alliance-member.dto';
import { FormAllianceDto } from './alliances/form-alliance.dto';
import { RemoveAllianceMemberDto } from './alliances/remove-alliance-member.dto';
import { AbolishBodyDto } from './bodies/abolish-body.dto';
import { AppointOfficeHolderDto } from './bodies/appoint-office-holder.dto';
import { CreatePostDto } from './bodies/create-post.dto';
import { RecordOfficeHolderLeftDto } from './bodies/record-office-holder-left.dto';
import { SetQuorumDto } from './bodies/set-quorum.dto';
import { SetDecisionReferenceFormatDto } from './bodies/set-decision-reference-format.dto';
import { RegisterBodyDto } from './bodies/register-body.dto';
import { CorrectEventDto } from './corrections/correct-event.dto';
import { RetractEventDto } from './corrections/retract-event.dto';
import { RecordDocumentDto } from './documents/record-document.dto';
import { AnswerPublicQuestionDto } from './scrutiny/answer-public-question.dto';
import { AskPublicQuestionDto } from './scrutiny/ask-public-question.dto';
import { MakeScrutinyRecommendationDto } from './scrutiny/make-scrutiny-recommendation.dto';
import { RespondToRecommendationDto } from './scrutiny/respond-to-recommendation.dto';
import { ReviewDecisionDto } from './scrutiny/review-decision.dto';
import { AddAgendaItemDto } from './meetings/add-agenda-item.dto';
import { ApproveMinutesDto } from './meetings/approve-minutes.dto';
import { CancelMeetingDto } from './meetings/cancel-meeting.dto';
import { PostponeMeetingDto } from './meetings/postpone-meeting.dto';
import { PublishMeetingNoticeDto } from './meetings/publish-meeting-notice.dto';
import { ExcludePublicDto } from './meetings/exclude-public.dto';
import { DeclareMeetingInterestDto } from './meetings/declare-meeting-interest.dto';
import { RecordMeetingHeldDto } from './meetings/record-meeting-held.dto';
import { ScheduleMeetingDto } from './meetings/schedule-meeting.dto';
import { RegisterPersonDto } from './people/register-person.dto';
import { AmendProposalDto } from './proposals/amend-proposal.dto';
import { DeferProposalDto } from './proposals/defer-proposal.dto';
import { DiscontinueProposalDto } from './proposals/discontinue-proposal.dto';
import { IssueRecommendationDto } from './proposals/issue-recommendation.dto';
import { RecordClaimDto } from './proposals/record-claim.dto';
import { RecordDecisionDto } from './proposals/record-decision.dto';
import { ReferProposalDto } from './proposals/refer-proposal.dto';
import { SupersedeProposalDto } from './proposals/supersede-proposal.dto';
import { TableProposalDto } from './proposals/table-proposal.dto';
import { TakeForwardByMemberDto } from './proposals/take-forward-by-member.dto';
import { WithdrawProposalDto } from './proposals/withdraw-proposal.dto';
import type { DtoCommandType } from './shared/type-checks';
import { CastVoteDto } from './votes/cast-vote.dto';
import { CloseVoteDto } from './votes/close-vote.dto';
import { OpenVoteDto } from './votes/open-vote.dto';

/**
 * The DTO that validates each command type's data. A `Record` over every command type, so a
 * command added to the domain without its DTO does not compile.
 */
export const COMMAND_DTOS: Readonly<Record<DtoCommandType, ClassConstructor<object>>> = {
  RegisterBody: RegisterBodyDto,
  CreatePost: CreatePostDto,
  AppointOfficeHolder: AppointOfficeHolderDto,
  RecordOfficeHolderLeft: RecordOfficeHolderLeftDto,
  SetQuorum: SetQuorumDto,
  SetDecisionReferenceFormat: SetDecisionReferenceFormatDto,
  AbolishBody: AbolishBodyDto,
  RegisterPerson: RegisterPersonDto,
  FormAlliance: FormAllianceDto,
  AddAllianceMember: AddAllianceMemberDto,
  RemoveAllianceMember: RemoveAllianceMemberDto,
  TableProposal: TableProposalDto,
  AmendProposal: AmendProposalDto,
  ReferProposal: ReferProposalDto,
  DeferProposal: DeferProposalDto,
  WithdrawProposal: WithdrawProposalDto,
  DiscontinueProposal: DiscontinueProposalDto,
  SupersedeProposal: SupersedeProposalDto,
  TakeForwardByMember: TakeForwardByMemberDto,
  RecordClaim: RecordClaimDto,
  IssueRecommendation: IssueRecommendationDto,
  RecordDecision: RecordDecisionDto,
  ScheduleMeeting: ScheduleMeetingDto,
  PostponeMeeting: PostponeMeetingDto,
  CancelMeeting: CancelMeetingDto,
  AddAgendaItem: AddAgendaItemDto,
  RecordMeetingHeld: RecordMeetingHeldDto,
  ApproveMinutes: ApproveMinutesDto,
  PublishMeetingNotice: PublishMeetingNoticeDto,
  ExcludePublic: ExcludePublicDto,
  DeclareMeetingInterest: DeclareMeetingInterestDto,
  OpenVote: OpenVoteDto,
  CastVote: CastVoteDto,
  CloseVote: CloseVoteDto,
  RecordDocument: RecordDocumentDto,
  AskPublicQuestion: AskPublicQuestionDto,
  AnswerPublicQuestion: AnswerPublicQuestionDto,
  ReviewDecision: ReviewDecisionDto,
  MakeScrutinyRecommendation: MakeScrutinyRecommendationDto,
  RespondToRecommendation: RespondToRecommendationDto,
  CorrectEvent: CorrectEventDto,
  RetractEvent: RetractEventDto,
};

export const DTO_COMMAND_TYPES = Object.keys(COMMAND_DTOS) as DtoCommandType[];

export function isDtoCommandType(type: unknown): type is DtoCommandType {
  return typeof type === 'string' && Object.hasOwn(COMMAND_DTOS, type);
}
