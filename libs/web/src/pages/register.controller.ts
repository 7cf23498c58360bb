import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LedgerReader } from '../view-models/ledger-reader';
import { bodyView, meetingView, personView } from '../view-models/registers.view';
import { PageRenderer } from './page-renderer';
import { pageDates, pageId } from './page-query';

/** The register's pages of bodies, meetings and people. */
@ApiExcludeController()
@Controller('register')
export class RegisterPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly reader: LedgerReader,
  ) {}

  @Get('bodies/:bodyId')
  body(
    @Param('bodyId') id: string,
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.pages.page(request, reply, async () => {
      const { asOf, knownAt } = pageDates(query);
      return {
        template: 'body',
        context: await bodyView(
          this.reader,
          pageId(id, 'Body'),
          { asOf, knownAt },
          this.pages.caller(request),
        ),
      };
    });
  }

  @Get('meetings/:meetingId')
  meeting(@Param('meetingId') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.pages.page(request, reply, async () => ({
      template: 'meeting',
      context: await meetingView(this.reader, pageId(id, 'Meeting'), this.pages.caller(request)),
    }));
  }

  @Get('people/:personId')
  person(
    @Param('personId') id: string,
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.pages.page(request, reply, async () => {
      const { asOf, knownAt } = pageDates(query);
      return {
        template: 'person',
        context: await personView(
          this.reader,
          pageId(id, 'Person'),
          { asOf, knownAt },
          this.pages.caller(request),
        ),
      };
    });
  }
}
