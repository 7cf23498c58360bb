import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DOMAIN_RULES } from '@ledger/domain';
import { HTTP_PROBLEMS } from '@ledger/http';
import { PageRenderer } from './page-renderer';

/** Problem types as pages: what each means and, for the domain's rules, the sentence a clerk acts on. */
@Injectable()
export class ProblemPages {
  constructor(private readonly pages: PageRenderer) {}

  list() {
    return [
      ...Object.entries(DOMAIN_RULES).map(([code, description]) => ({
        code,
        kind: 'A rule of the domain',
        description,
        status: undefined as number | undefined,
      })),
      ...Object.entries(HTTP_PROBLEMS).map(([code, p]) => ({
        code,
        kind: 'An HTTP problem',
        description: p.title,
        status: p.status,
      })),
    ];
  }

  /** `/problems` or `/problems/{a known code}`, with no query (the API refuses one). */
  isPage(url: string): boolean {
    if (url === '/problems') return true;
    const code = /^\/problems\/([a-z-]+)$/.exec(url)?.[1];
    return code !== undefined && this.list().some((p) => p.code === code);
  }

  async send(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    if (request.url === '/problems')
      return this.pages.render(request, reply, 'problems', {
        pageTitle: 'Problem types',
        problems: this.list(),
      });
    const found = this.list().find((p) => p.code === request.url.slice('/problems/'.length))!;
    return this.pages.render(request, reply, 'problem', { pageTitle: found.code, problem: found });
  }
}
