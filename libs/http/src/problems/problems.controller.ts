import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DOMAIN_RULES } from '@ledger/domain';
import { HTTP_PROBLEMS, ProblemException } from './problem';

/** Each problem `type` resolves here to a description a client developer can read. */
@ApiTags('problems')
@Controller('problems')
export class ProblemsController {
  @Get()
  @ApiOperation({ operationId: 'listProblemTypes', summary: 'Every problem type the API can answer with' })
  list() {
    return [
      ...Object.entries(DOMAIN_RULES).map(([code, description]) => ({ type: `/problems/${code}`, code, kind: 'domain-rule', description })),
      ...Object.entries(HTTP_PROBLEMS).map(([code, p]) => ({ type: `/problems/${code}`, code, kind: 'http', status: p.status, description: p.title })),
    ];
  }

  @Get(':code')
  @ApiOperation({ operationId: 'getProblemType', summary: 'One problem type' })
  get(@Param('code') code: string) {
    const found = this.list().find((p) => p.code === code);
    if (!found) throw new ProblemException('not-found', `No problem type ${code}`);
    return found;
  }
}
