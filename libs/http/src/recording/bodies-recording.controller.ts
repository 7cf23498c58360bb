import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentCaller, type Caller } from '../auth/caller';
import { RecordRoute } from './record-route.decorator';
import { Recording } from './recording.base';

/** Bodies, people and alliances: who decides, who holds which post, and which bodies act together. */

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
