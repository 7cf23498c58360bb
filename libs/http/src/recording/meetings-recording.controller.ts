import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentCaller, type Caller } from '../auth/caller';
import { RecordRoute } from './record-route.decorator';
import { Recording } from './recording.base';

/** Meetings and their votes: scheduled, held, minuted; votes opened, cast, closed. */

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
