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
      ...Object.entries(DOMAIN_RULES).map(([code, description]) => ({ code, kind: 'A rule of the domain', description, status: undefined as number | undefined })),
      ...Object.entries(HTTP_PROBLEMS).map(([code, p]) => ({ code, kind: 'An HTTP problem', description: p.title, status: p.status })),
    ];
  }

  async send(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const code = decodeURIComponent(request.url.split('?')[0].slice('/problems/'.length));
    if (code === '' || request.url.split('?')[0] === '/problems') return this.pages.render(request, reply, 'problems', { pageTitle: 'Problem types', problems: this.list() });
    const found = this.list().find((p) => p.code === code);
    if (!found) return this.pages.render(request, reply, 'error', { pageTitle: 'Not found', problem: { status: 404, title: 'Not found', detail: `No problem type ${code}` } }, 404);
    return this.pages.render(request, reply, 'problem', { pageTitle: found.code, problem: found });
  }
}
