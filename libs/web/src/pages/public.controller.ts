import { Controller, Get, Param, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { KeepPublicAnswer } from '@ledger/http';
import { homeView } from '../view-models/home.view';
import { LedgerReader } from '../view-models/ledger-reader';
import { decisionView } from '../view-models/decision.view';
import { proposalView } from '../view-models/proposal.view';
import { PageRenderer } from './page-renderer';
import { DatedPageQuery, HomePageQuery, pageId, pageQuery, ProposalPageQuery } from './page-query';

/** The public register's pages: what anyone may read, drawn as the caller may see it. */
@ApiExcludeController()
// Drawn from the ledger alone: the public's pages are kept as the API's reads are (PublicAnswers).
@UseInterceptors(KeepPublicAnswer)
@Controller()
export class PublicPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly reader: LedgerReader,
  ) {}

  @Get()
  home(@Query() query: Record<string, unknown>, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.pages.page(request, reply, async () => ({
      template: 'home',
      context: await homeView(
        this.reader,
        pageQuery(HomePageQuery, query).q?.slice(0, 200),
        this.pages.caller(request),
      ),
    }));
  }

  @Get('register/proposals/:proposalId')
  proposal(
    @Param('proposalId') id: string,
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.pages.page(request, reply, async () => ({
      template: 'proposal',
      context: await proposalView(
        this.reader,
        pageId(id, 'Proposal'),
        pageQuery(ProposalPageQuery, query),
        this.pages.caller(request),
      ),
    }));
  }

  @Get('register/proposals/:proposalId/decisions/:decisionId')
  decision(
    @Param('proposalId') proposalId: string,
    @Param('decisionId') decisionId: string,
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.pages.page(request, reply, async () => {
      const { asOf, knownAt } = pageQuery(DatedPageQuery, query);
      return {
        template: 'decision',
        context: await decisionView(
          this.reader,
          pageId(proposalId, 'Proposal'),
          pageId(decisionId, 'Decision'),
          { asOf, knownAt },
          this.pages.caller(request),
        ),
      };
    });
  }
}
