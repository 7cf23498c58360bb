import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentCaller, type Caller } from '../auth/caller';
import { RecordRoute } from './record-route.decorator';
import { Recording } from './recording.base';

/** Documents, scrutiny (questions and reviews) and corrections of what was recorded. */

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
