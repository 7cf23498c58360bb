import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LedgerIntegrity } from '@ledger/http';
import { PageRenderer } from './page-renderer';
import { pageQuery, VerifyPageQuery } from './page-query';

const EVENT_ID = /^[0-9a-fA-F-]{36}$/;

/**
 * "Check it yourself": the page shows the latest checkpoint, and its script fetches the event's
 * inclusion proof, the checkpoint and the key from the JSON API and checks them in the browser
 * (assets/verify.js), trusting nothing the server says about the result.
 */
@ApiExcludeController()
@Controller('register/verify')
export class VerifyPageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly integrity: LedgerIntegrity,
  ) {}

  @Get()
  verify(
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    let id: string;
    try {
      id = pageQuery(VerifyPageQuery, query).eventId ?? '';
    } catch (error) {
      return this.pages.problem(request, reply, error);
    }
    const idError =
      id !== '' && !EVENT_ID.test(id)
        ? 'An event id is a UUID, like 01a241f0-6ab0-74bd-8058-2c206ece2073: copy it from a timeline'
        : undefined;
    return this.pages.render(
      request,
      reply,
      'verify',
      {
        pageTitle: 'Check the ledger yourself',
        checkpoint: this.integrity.checkpoint(),
        signed: this.integrity.publicKey() !== undefined,
        eventId: id,
        idError,
      },
      idError ? 400 : 200,
    );
  }
}
