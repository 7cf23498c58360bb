import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GetQuestionQuery, GetReviewQuery } from '@ledger/projections';
import { CurrentCaller, type Caller } from '../auth/caller';
import { ApiProblems } from '../problems/problem.dto';
import { IdParamPipe } from '../reading/id-param.pipe';
import { cut } from '../reading/read-params';
import { Reading } from '../reading/read.controllers';
import { CutQueryDto } from '../reading/reading-query.dto';
import { QuestionDto, ReviewDto } from '../reading/responses/scrutiny.dto';

/** Scrutiny and the public, read back: at any cut, as the caller may see it. */
@ApiTags('scrutiny')
@Controller()
export class ScrutinyReadingController extends Reading {
  @Get('questions/:questionId')
  @ApiOperation({ operationId: 'getQuestion', summary: 'A public question put at a meeting, and its answer' })
  @ApiOkResponse({ type: QuestionDto })
  @ApiProblems(400, 404, 429, 503)
  question(
    @Param('questionId', IdParamPipe) id: string,
    @Query() q: CutQueryDto,
    @CurrentCaller() caller: Caller,
  ) {
    return this.ask(new GetQuestionQuery(id, cut(q), caller), q);
  }

  @Get('reviews/:reviewId')
  @ApiOperation({
    operationId: 'getReview',
    summary:
      "A scrutiny review of a decision: its findings, recommendations and the decision-maker's responses",
  })
  @ApiOkResponse({ type: ReviewDto })
  @ApiProblems(400, 404, 429, 503)
  review(
    @Param('reviewId', IdParamPipe) id: string,
    @Query() q: CutQueryDto,
    @CurrentCaller() caller: Caller,
  ) {
    return this.ask(new GetReviewQuery(id, cut(q), caller), q);
  }
}
