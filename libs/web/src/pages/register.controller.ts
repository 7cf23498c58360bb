import { Controller, Get, Param, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DocumentContents, KeepPublicAnswer } from '@ledger/http';
import { LedgerReader } from '../view-models/ledger-reader';
import { bodyView, meetingView, personView } from '../view-models/registers.view';
import { PageRenderer } from './page-renderer';
import { DatedPageQuery, pageId, pageQuery } from './page-query';

/** The register's pages of bodies, meetings and people. */
@ApiExcludeController()
// Drawn from the ledger alone: the public's pages are kept as the API's reads are (PublicAnswers).
@UseInterceptors(KeepPublicAnswer)
@Controller('register')
export class RegisterPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly reader: LedgerReader,
    private readonly contents: DocumentContents,
  ) {}

  @Get('bodies/:bodyId')
  body(
    @Param('bodyId') id: string,
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.pages.page(request, reply, async () => {
      const { asOf, knownAt } = pageQuery(DatedPageQuery, query);
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
  meeting(
    @Param('meetingId') id: string,
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.pages.page(request, reply, async () => {
      const { asOf, knownAt } = pageQuery(DatedPageQuery, query);
      const view = await meetingView(
        this.reader,
        pageId(id, 'Meeting'),
        { asOf, knownAt },
        this.pages.caller(request),
      );
      // Only the documents this reader may see at the cut are listed (the meeting's read at the
      // cut gives them), so only theirs are linked.
      const contentStored = Object.fromEntries(
        (view.meeting.documents ?? []).map((d) => [
          d.documentId,
          this.contents.isStoredFor(request, d.sha256),
        ]),
      );
      return { template: 'meeting', context: { ...view, contentStored } };
    });
  }

  @Get('people/:personId')
  person(
    @Param('personId') id: string,
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.pages.page(request, reply, async () => {
      const { asOf, knownAt } = pageQuery(DatedPageQuery, query);
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
