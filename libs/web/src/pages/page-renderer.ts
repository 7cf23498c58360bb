import { Injectable, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toProblem, type Caller } from '@ledger/http';
import { WebCaller } from '../session/web-caller';

type CsrfReply = FastifyReply & { generateCsrf(): string };

/**
 * Renders a page with what every page needs: who reads it (the header shows the role and a
 * sign-out button), a CSRF token when it has forms, and the page's own path for links back.
 */
@Injectable()
export class PageRenderer {
  private readonly logger = new Logger('Pages');

  constructor(private readonly callers: WebCaller) {}

  caller(request: FastifyRequest): Caller {
    return this.callers.of(request);
  }

  async render(request: FastifyRequest, reply: FastifyReply, template: string, context: Record<string, unknown>, status = 200): Promise<FastifyReply> {
    const caller = this.callers.of(request);
    const signedIn = caller.role !== 'public';
    const csrfToken = signedIn || context.hasForms ? (reply as CsrfReply).generateCsrf() : undefined;
    const html = await reply.viewAsync(`${template}.njk`, { ...context, caller, signedIn, csrfToken, currentPath: request.url });
    return reply.status(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  }

  /**
   * Runs a page's work; a problem (not found, a bad date) becomes an error page with its status.
   * Work that answers by itself (a download) returns nothing.
   */
  async page(request: FastifyRequest, reply: FastifyReply, work: () => Promise<{ template: string; context: Record<string, unknown> } | undefined>): Promise<FastifyReply> {
    let view: { template: string; context: Record<string, unknown> } | undefined;
    try {
      view = await work();
    } catch (error) {
      return this.problem(request, reply, error);
    }
    if (!view) return reply;
    return this.render(request, reply, view.template, view.context);
  }

  async problem(request: FastifyRequest, reply: FastifyReply, error: unknown): Promise<FastifyReply> {
    const problem = toProblem(error);
    if (problem.status >= 500) this.logger.error({ err: error, correlationId: request.id }, 'Page failed');
    return this.render(request, reply, 'error', { problem, pageTitle: problem.title }, problem.status);
  }
}
