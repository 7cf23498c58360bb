import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from './problem.dto';
import { DOMAIN_RULES } from '@ledger/domain';
import { NoQueryPipe } from '../reading/no-query.pipe';
import { HTTP_PROBLEMS, ProblemException } from './problem';

/** Each problem `type` resolves here to a description a client developer can read. */
@ApiTags('problems')
@Controller('problems')
export class ProblemsController {
  @Get()
  @ApiOperation({ operationId: 'listProblemTypes', summary: 'Every problem type the API can answer with' })
  list(@Query(NoQueryPipe) _query?: unknown) {
    return [
      ...Object.entries(DOMAIN_RULES).map(([code, description]) => ({ type: `/problems/${code}`, code, kind: 'domain-rule', description })),
      ...Object.entries(HTTP_PROBLEMS).map(([code, p]) => ({ type: `/problems/${code}`, code, kind: 'http', status: p.status, description: p.title })),
    ];
  }

  @Get(':code')
  @ApiOperation({ operationId: 'getProblemType', summary: 'One problem type' })
  @ApiOkResponse({ schema: { type: 'object' } })
  @ApiProblems(404)
  get(@Param('code') code: string, @Query(NoQueryPipe) _query: unknown) {
    const found = this.list().find((p) => p.code === code);
    if (!found) throw new ProblemException('not-found', `No problem type ${code}`);
    return found;
  }
}
