import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentCaller, type Caller } from '../auth/caller';
import { RecordRoute } from './record-route.decorator';
import { Recording } from './recording.base';

/** Proposals: tabled, claimed about, recommended on, decided. */

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
