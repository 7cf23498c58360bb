import { Body, Controller, Injectable, Param, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentCaller, type Caller } from '../auth/caller';
import { HttpRecorder } from './http-recorder';
import { RecordRoute } from './record-route.decorator';

/*
 * The write side of the API: one route per domain command. Each only names its command and
 * the ids its path carries; HttpRecorder does the rest the same way for all.
 */

type Ctx = [Caller, FastifyRequest, FastifyReply];

/** @Injectable so the subclasses inherit the constructor's parameter types. */
@Injectable()
abstract class Recording {
  constructor(protected readonly recorder: HttpRecorder) {}
  protected rec(type: string, body: unknown, params: Record<string, string>, [caller, req, res]: Ctx) {
    return this.recorder.record(type, body, params, caller, req, res);
  }
}

@ApiTags('bodies')
@Controller('bodies')
export class BodiesRecordingController extends Recording {
  @Post()
  @RecordRoute(
    'RegisterBody',
    'Register a body: a police authority, a PCC, a chief constable, a working group, a committee, a contractor',
  )
  register(
    @Body() b: unknown,
    @CurrentCaller() c: Caller,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) s: FastifyReply,
  ) {
    return this.rec('RegisterBody', b, {}, [c, q, s]);
  }

  @Post(':bodyId/posts')
  @RecordRoute('CreatePost', 'Create a post on a body', ['bodyId'])
  createPost(
    @Param('bodyId') bodyId: string,
    @Body() b: unknown,
    @CurrentCaller() c: Caller,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) s: FastifyReply,
  ) {
    return this.rec('CreatePost', b, { bodyId }, [c, q, s]);
  }

  @Post(':bodyId/office-holders')
  @RecordRoute('AppointOfficeHolder', 'Record that a person holds a post on a body for a term', ['bodyId'])
  appoint(
    @Param('bodyId') bodyId: string,
    @Body() b: unknown,
    @CurrentCaller() c: Caller,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) s: FastifyReply,
  ) {
    return this.rec('AppointOfficeHolder', b, { bodyId }, [c, q, s]);
  }

  @Post(':bodyId/office-holders/:membershipId/end')
  @RecordRoute('RecordOfficeHolderLeft', "Record the end of an office holder's term", [
    'bodyId',
    'membershipId',
  ])
  leave(
    @Param('bodyId') bodyId: string,
    @Param('membershipId') membershipId: string,
    @Body() b: unknown,
    @CurrentCaller() c: Caller,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) s: FastifyReply,
  ) {
    return this.rec('RecordOfficeHolderLeft', b, { bodyId, membershipId }, [c, q, s]);
  }

  @Post(':bodyId/quorum')
  @RecordRoute(
    'SetQuorum',
    "Set a body's quorum as its standing orders do: a fraction of its members, a number, or both",
    ['bodyId'],
  )
  setQuorum(
    @Param('bodyId') bodyId: string,
    @Body() b: unknown,
    @CurrentCaller() c: Caller,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) s: FastifyReply,
  ) {
    return this.rec('SetQuorum', b, { bodyId }, [c, q, s]);
  }

  @Post(':bodyId/decision-reference-format')
  @RecordRoute(
    'SetDecisionReferenceFormat',
    "Set the form a body's decision records are numbered in, from the entry's date on (earlier decisions keep the form of their own date)",
    ['bodyId'],
  )
  setDecisionReferenceFormat(
    @Param('bodyId') bodyId: string,
    @Body() b: unknown,
    @CurrentCaller() c: Caller,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) s: FastifyReply,
  ) {
    return this.rec('SetDecisionReferenceFormat', b, { bodyId }, [c, q, s]);
  }

  @Post(':bodyId/abolition')
  @RecordRoute('AbolishBody', 'Record that a body was abolished, and its successor', ['bodyId'])
  abolish(
    @Param('bodyId') bodyId: string,
    @Body() b: unknown,
    @CurrentCaller() c: Caller,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) s: FastifyReply,
  ) {
    return this.rec('AbolishBody', b, { bodyId }, [c, q, s]);
  }
}

@ApiTags('people')
@Controller('people')
export class PeopleRecordingController extends Recording {
  @Post()
  @RecordRoute('RegisterPerson', 'Register a person who holds office')
  register(
    @Body() b: unknown,
    @CurrentCaller() c: Caller,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) s: FastifyReply,
  ) {
    return this.rec('RegisterPerson', b, {}, [c, q, s]);
  }
}

@ApiTags('alliances')
@Controller('alliances')
export class AlliancesRecordingController extends Recording {
  @Post()
  @RecordRoute('FormAlliance', 'Record an alliance of bodies and its decision rule')
  form(
    @Body() b: unknown,
    @CurrentCaller() c: Caller,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) s: FastifyReply,
  ) {
    return this.rec('FormAlliance', b, {}, [c, q, s]);
  }

  @Post(':allianceId/members')
  @RecordRoute('AddAllianceMember', 'Add a member body to an alliance', ['allianceId'])
  join(
    @Param('allianceId') allianceId: string,
    @Body() b: unknown,
    @CurrentCaller() c: Caller,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) s: FastifyReply,
  ) {
    return this.rec('AddAllianceMember', b, { allianceId }, [c, q, s]);
  }

  @Post(':allianceId/members/:bodyId/removal')
  @RecordRoute('RemoveAllianceMember', 'Remove a member body from an alliance', ['allianceId', 'bodyId'])
  leave(
    @Param('allianceId') allianceId: string,
    @Param('bodyId') bodyId: string,
    @Body() b: unknown,
    @CurrentCaller() c: Caller,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) s: FastifyReply,
  ) {
    return this.rec('RemoveAllianceMember', b, { allianceId, bodyId }, [c, q, s]);
  }
}

@ApiTags('proposals')
@Controller('proposals')
export class ProposalsRecordingController extends Recording {
  @Post()
  @RecordRoute('TableProposal', 'Table a proposal, for an alliance or for one body')
  table(
    @Body() b: unknown,
    @CurrentCaller() c: Caller,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) s: FastifyReply,
  ) {
    return this.rec('TableProposal', b, {}, [c, q, s]);
  }

  @Post(':proposalId/amendments')
  @RecordRoute('AmendProposal', 'Amend a proposal', ['proposalId'])
  amend(
    @Param('proposalId') proposalId: string,
    @Body() b: unknown,
    @CurrentCaller() c: Caller,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) s: FastifyReply,
  ) {
    return this.rec('AmendProposal', b, { proposalId }, [c, q, s]);
  }

  @Post(':proposalId/referrals')
  @RecordRoute('ReferProposal', 'Refer a proposal to bodies for decision', ['proposalId'])
  refer(
    @Param('proposalId') proposalId: string,
    @Body() b: unknown,
    @CurrentCaller() c: Caller,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) s: FastifyReply,
  ) {
    return this.rec('ReferProposal', b, { proposalId }, [c, q, s]);
  }

  @Post(':proposalId/deferrals')
  @RecordRoute('DeferProposal', 'Defer a proposal', ['proposalId'])
  defer(
    @Param('proposalId') proposalId: string,
    @Body() b: unknown,
    @CurrentCaller() c: Caller,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) s: FastifyReply,
  ) {
    return this.rec('DeferProposal', b, { proposalId }, [c, q, s]);
  }

  @Post(':proposalId/withdrawal')
  @RecordRoute('WithdrawProposal', 'Withdraw a proposal', ['proposalId'])
  withdraw(
    @Param('proposalId') proposalId: string,
    @Body() b: unknown,
    @CurrentCaller() c: Caller,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) s: FastifyReply,
  ) {
    return this.rec('WithdrawProposal', b, { proposalId }, [c, q, s]);
  }

  @Post(':proposalId/discontinuation')
  @RecordRoute('DiscontinueProposal', 'Discontinue a proposal by the decisions that rejected it', [
    'proposalId',
  ])
  discontinue(
    @Param('proposalId') proposalId: string,
    @Body() b: unknown,
    @CurrentCaller() c: Caller,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) s: FastifyReply,
  ) {
    return this.rec('DiscontinueProposal', b, { proposalId }, [c, q, s]);
  }

  @Post(':proposalId/supersession')
  @RecordRoute('SupersedeProposal', 'Record that another proposal supersedes this one', ['proposalId'])
  supersede(
    @Param('proposalId') proposalId: string,
    @Body() b: unknown,
    @CurrentCaller() c: Caller,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) s: FastifyReply,
  ) {
    return this.rec('SupersedeProposal', b, { proposalId }, [c, q, s]);
  }

  @Post(':proposalId/taken-forward')
  @RecordRoute('TakeForwardByMember', 'Record that one member takes the proposal forward alone', [
    'proposalId',
  ])
  takeForward(
    @Param('proposalId') proposalId: string,
    @Body() b: unknown,
    @CurrentCaller() c: Caller,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) s: FastifyReply,
  ) {
    return this.rec('TakeForwardByMember', b, { proposalId }, [c, q, s]);
  }

  @Post(':proposalId/claims')
  @RecordRoute('RecordClaim', 'Record a figure claimed about the proposal, with who claimed it', [
    'proposalId',
  ])
  claim(
    @Param('proposalId') proposalId: string,
    @Body() b: unknown,
    @CurrentCaller() c: Caller,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) s: FastifyReply,
  ) {
    return this.rec('RecordClaim', b, { proposalId }, [c, q, s]);
  }

  @Post(':proposalId/recommendations')
  @RecordRoute('IssueRecommendation', 'Record a recommendation on the proposal', ['proposalId'])
  recommend(
    @Param('proposalId') proposalId: string,
    @Body() b: unknown,
    @CurrentCaller() c: Caller,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) s: FastifyReply,
  ) {
    return this.rec('IssueRecommendation', b, { proposalId }, [c, q, s]);
  }

  @Post(':proposalId/decisions')
  @RecordRoute('RecordDecision', "Record a body's formal decision on the proposal", ['proposalId'])
  decide(
    @Param('proposalId') proposalId: string,
    @Body() b: unknown,
    @CurrentCaller() c: Caller,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) s: FastifyReply,
  ) {
    return this.rec('RecordDecision', b, { proposalId }, [c, q, s]);
  }
}

@ApiTags('meetings')
@Controller('meetings')
export class MeetingsRecordingController extends Recording {
  @Post()
  @RecordRoute('ScheduleMeeting', 'Schedule a meeting of one body or several')
  schedule(
    @Body() b: unknown,
    @CurrentCaller() c: Caller,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) s: FastifyReply,
  ) {
    return this.rec('ScheduleMeeting', b, {}, [c, q, s]);
  }

  @Post(':meetingId/postponement')
  @RecordRoute('PostponeMeeting', 'Postpone a meeting', ['meetingId'])
  postpone(
    @Param('meetingId') meetingId: string,
    @Body() b: unknown,
    @CurrentCaller() c: Caller,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) s: FastifyReply,
  ) {
    return this.rec('PostponeMeeting', b, { meetingId }, [c, q, s]);
  }

  @Post(':meetingId/cancellation')
  @RecordRoute('CancelMeeting', 'Cancel a meeting', ['meetingId'])
  cancel(
    @Param('meetingId') meetingId: string,
    @Body() b: unknown,
    @CurrentCaller() c: Caller,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) s: FastifyReply,
  ) {
    return this.rec('CancelMeeting', b, { meetingId }, [c, q, s]);
  }

  @Post(':meetingId/agenda-items')
  @RecordRoute('AddAgendaItem', 'Add an agenda item, public or exempt', ['meetingId'])
  agenda(
    @Param('meetingId') meetingId: string,
    @Body() b: unknown,
    @CurrentCaller() c: Caller,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) s: FastifyReply,
  ) {
    return this.rec('AddAgendaItem', b, { meetingId }, [c, q, s]);
  }

  @Post(':meetingId/attendance')
  @RecordRoute('RecordMeetingHeld', 'Record that the meeting was held, with its chair and attendance', [
    'meetingId',
  ])
  held(
    @Param('meetingId') meetingId: string,
    @Body() b: unknown,
    @CurrentCaller() c: Caller,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) s: FastifyReply,
  ) {
    return this.rec('RecordMeetingHeld', b, { meetingId }, [c, q, s]);
  }

  @Post(':meetingId/minutes')
  @RecordRoute('ApproveMinutes', 'Record the approved minutes', ['meetingId'])
  minutes(
    @Param('meetingId') meetingId: string,
    @Body() b: unknown,
    @CurrentCaller() c: Caller,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) s: FastifyReply,
  ) {
    return this.rec('ApproveMinutes', b, { meetingId }, [c, q, s]);
  }

  @Post(':meetingId/notice')
  @RecordRoute(
    'PublishMeetingNotice',
    'Record that the notice of the meeting was published (its clear days are reported on the meeting)',
    ['meetingId'],
  )
  notice(
    @Param('meetingId') meetingId: string,
    @Body() b: unknown,
    @CurrentCaller() c: Caller,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) s: FastifyReply,
  ) {
    return this.rec('PublishMeetingNotice', b, { meetingId }, [c, q, s]);
  }

  @Post(':meetingId/exclusions')
  @RecordRoute(
    'ExcludePublic',
    'Record a resolution to exclude the public for exempt items, with its Schedule 12A paragraph',
    ['meetingId'],
  )
  exclude(
    @Param('meetingId') meetingId: string,
    @Body() b: unknown,
    @CurrentCaller() c: Caller,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) s: FastifyReply,
  ) {
    return this.rec('ExcludePublic', b, { meetingId }, [c, q, s]);
  }

  @Post(':meetingId/interests')
  @RecordRoute(
    'DeclareMeetingInterest',
    "Record a member's declaration of interest at the meeting, in the whole of it or in one item",
    ['meetingId'],
  )
  declareInterest(
    @Param('meetingId') meetingId: string,
    @Body() b: unknown,
    @CurrentCaller() c: Caller,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) s: FastifyReply,
  ) {
    return this.rec('DeclareMeetingInterest', b, { meetingId }, [c, q, s]);
  }
}

@ApiTags('votes')
@Controller('votes')
export class VotesRecordingController extends Recording {
  @Post()
  @RecordRoute('OpenVote', 'Open a vote on a proposal at a meeting')
  open(
    @Body() b: unknown,
    @CurrentCaller() c: Caller,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) s: FastifyReply,
  ) {
    return this.rec('OpenVote', b, {}, [c, q, s]);
  }

  @Post(':voteEventId/ballots')
  @RecordRoute('CastVote', "Record one office holder's vote", ['voteEventId'])
  cast(
    @Param('voteEventId') voteEventId: string,
    @Body() b: unknown,
    @CurrentCaller() c: Caller,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) s: FastifyReply,
  ) {
    return this.rec('CastVote', b, { voteEventId }, [c, q, s]);
  }

  @Post(':voteEventId/close')
  @RecordRoute('CloseVote', 'Close the vote: counts and result by the rule in force', ['voteEventId'])
  close(
    @Param('voteEventId') voteEventId: string,
    @Body() b: unknown,
    @CurrentCaller() c: Caller,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) s: FastifyReply,
  ) {
    return this.rec('CloseVote', b, { voteEventId }, [c, q, s]);
  }
}

@ApiTags('documents')
@Controller('documents')
export class DocumentsRecordingController extends Recording {
  @Post()
  @RecordRoute(
    'RecordDocument',
    'Record a published document (agenda, report, minutes, decision notice, annex) by its SHA-256 and size; then PUT its content',
  )
  record(
    @Body() b: unknown,
    @CurrentCaller() c: Caller,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) s: FastifyReply,
  ) {
    return this.rec('RecordDocument', b, {}, [c, q, s]);
  }
}

@ApiTags('scrutiny')
@Controller('questions')
export class QuestionsRecordingController extends Recording {
  @Post()
  @RecordRoute('AskPublicQuestion', 'Record a question from a member of the public, put at a meeting')
  ask(
    @Body() b: unknown,
    @CurrentCaller() c: Caller,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) s: FastifyReply,
  ) {
    return this.rec('AskPublicQuestion', b, {}, [c, q, s]);
  }

  @Post(':questionId/answer')
  @RecordRoute('AnswerPublicQuestion', 'Record the answer to a public question', ['questionId'])
  answer(
    @Param('questionId') questionId: string,
    @Body() b: unknown,
    @CurrentCaller() c: Caller,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) s: FastifyReply,
  ) {
    return this.rec('AnswerPublicQuestion', b, { questionId }, [c, q, s]);
  }
}

@ApiTags('scrutiny')
@Controller('reviews')
export class ReviewsRecordingController extends Recording {
  @Post()
  @RecordRoute(
    'ReviewDecision',
    "Record a scrutiny body's review of a decision (a Police and Crime Panel reviewing a PCC's decision)",
  )
  review(
    @Body() b: unknown,
    @CurrentCaller() c: Caller,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) s: FastifyReply,
  ) {
    return this.rec('ReviewDecision', b, {}, [c, q, s]);
  }

  @Post(':reviewId/recommendations')
  @RecordRoute('MakeScrutinyRecommendation', 'Record a recommendation of the review to the decision-maker', [
    'reviewId',
  ])
  recommend(
    @Param('reviewId') reviewId: string,
    @Body() b: unknown,
    @CurrentCaller() c: Caller,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) s: FastifyReply,
  ) {
    return this.rec('MakeScrutinyRecommendation', b, { reviewId }, [c, q, s]);
  }

  @Post(':reviewId/recommendations/:recommendationId/response')
  @RecordRoute(
    'RespondToRecommendation',
    "Record the decision-maker's formal response to a recommendation: accept, reject or partly, with reasons",
    ['reviewId', 'recommendationId'],
  )
  respond(
    @Param('reviewId') reviewId: string,
    @Param('recommendationId') recommendationId: string,
    @Body() b: unknown,
    @CurrentCaller() c: Caller,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) s: FastifyReply,
  ) {
    return this.rec('RespondToRecommendation', b, { reviewId, recommendationId }, [c, q, s]);
  }
}

@ApiTags('corrections')
@Controller()
export class CorrectionsRecordingController extends Recording {
  @Post('corrections')
  @RecordRoute(
    'CorrectEvent',
    'Correct a recorded event: the original stays, the correction names it and gives a reason',
  )
  correct(
    @Body() b: unknown,
    @CurrentCaller() c: Caller,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) s: FastifyReply,
  ) {
    return this.rec('CorrectEvent', b, {}, [c, q, s]);
  }

  @Post('retractions')
  @RecordRoute('RetractEvent', 'Retract a recorded event, with a reason')
  retract(
    @Body() b: unknown,
    @CurrentCaller() c: Caller,
    @Req() q: FastifyRequest,
    @Res({ passthrough: true }) s: FastifyReply,
  ) {
    return this.rec('RetractEvent', b, {}, [c, q, s]);
  }
}

export const RECORDING_CONTROLLERS = [
  BodiesRecordingController,
  PeopleRecordingController,
  AlliancesRecordingController,
  ProposalsRecordingController,
  MeetingsRecordingController,
  VotesRecordingController,
  CorrectionsRecordingController,
  DocumentsRecordingController,
  QuestionsRecordingController,
  ReviewsRecordingController,
];
