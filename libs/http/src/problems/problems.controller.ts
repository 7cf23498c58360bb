import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from './problem.dto';
import { NoQueryPipe } from '../reading/no-query.pipe';
import { PROBLEM_TYPES, ProblemException } from './problem';
import { ProblemTypeDto } from './problem-type.dto';

/** Each problem `type` resolves here to a description a client developer can read. */
@ApiTags('problems')
@Controller('problems')
export class ProblemsController {
  @Get()
  @ApiOperation({ operationId: 'listProblemTypes', summary: 'Every problem type the API can answer with' })
  @ApiOkResponse({ type: [ProblemTypeDto] })
  list(@Query(NoQueryPipe) _query?: unknown): ProblemTypeDto[] {
    return PROBLEM_TYPES;
  }

  @Get(':code')
  @ApiOperation({ operationId: 'getProblemType', summary: 'One problem type' })
  @ApiOkResponse({ type: ProblemTypeDto })
  @ApiProblems(404)
  get(@Param('code') code: string, @Query(NoQueryPipe) _query: unknown) {
    const found = this.list().find((p) => p.code === code);
    // A path parameter may be as long as a URL (bootstrap.ts): only a code-like one is echoed.
    if (!found)
      throw new ProblemException(
        'not-found',
        /^[a-z0-9-]{1,64}$/.test(code) ? `No problem type ${code}` : 'No problem type has that code',
      );
    return found;
  }
}
