import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, type Caller } from '../auth/caller';
import { NoQueryPipe } from '../reading/no-query.pipe';
import { VerificationDto } from '../reading/responses/integrity.dto';
import { IntegrityWatch } from './integrity-watch';

/** The background verifier's last result: what /ready reports, in full for callers with a token. */
@ApiTags('integrity')
@Controller('ledger')
export class VerificationController {
  constructor(private readonly watch: IntegrityWatch) {}

  @Get('verification')
  @ApiOperation({
    operationId: 'getVerification',
    summary:
      "The service's own continuous verification of the ledger: state (ok, tampered, pending), the last pass, and what it found (its details for callers with a token)",
  })
  @ApiOkResponse({ type: VerificationDto })
  verification(@Query(NoQueryPipe) _query: unknown, @CurrentCaller() caller: Caller) {
    const status = this.watch.current();
    // What was found names events and streams: the public learns that, not which.
    if (caller.role === 'public' && status.problem)
      return { ...status, problem: { code: status.problem.code, problemCount: status.problem.problemCount } };
    return status;
  }
}
