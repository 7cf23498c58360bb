import { Injectable, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { notForKeeping, ProblemException, toProblem, type Caller } from '@ledger/http';
import { safeReturnTo } from '../console/console-access';
import { WebCaller } from '../session/web-caller';

type CsrfReply = FastifyReply & { generateCsrf(): string };

/** A command's type, as a form that records it names its page back (`?recorded=RecordDecision`). */
const COMMAND_TYPE = /^[A-Z][A-Za-z]{1,63}$/;

/**
 * Renders a page with what every page needs: who reads it (the header shows the role and a
 * sign-out button), a CSRF token when it has forms, and the page's own path for links back.
 */
/** What a page handler gives: a template and its context, or nothing when it has answered already. */
type PageWork = { template: string; context: Record<string, unknown> } | undefined;

@Injectable()
export class PageRenderer {
  private readonly logger = new Logger('Pages');

  constructor(private readonly callers: WebCaller) {}

  caller(request: FastifyRequest): Caller {
    return this.callers.of(request);
  }

  /**
   * Whether the reader may open this page. The public is sent to sign in (and back here after);
   * a signed-in reader of another role gets a page naming the role it needs, as the API's 403.
   */
  allow(request: FastifyRequest, reply: FastifyReply, roles: Array<'clerk' | 'auditor'>): boolean {
    const caller = this.callers.of(request);
    if (roles.includes(caller.role as 'clerk')) return true;
    if (caller.role === 'public') {
      const back = safeReturnTo(request.url);
      void reply.redirect(`/console/sign-in${back ? `?returnTo=${encodeURIComponent(back)}` : ''}`, 303);
    } else
      void this.problem(
        request,
        reply,
        new ProblemException(
          'forbidden',
          `Role ${caller.role} may not do this; it needs ${roles.join(' or ')}`,
        ),
      );
    return false;
  }

  async render(
    request: FastifyRequest,
    reply: FastifyReply,
    template: string,
    context: Record<string, unknown>,
    status = 200,
  ): Promise<FastifyReply> {
    const caller = this.callers.of(request);
    const signedIn = caller.role !== 'public';
    const csrfToken = signedIn || context.hasForms ? (reply as CsrfReply).generateCsrf() : undefined;
    // A signed-in reader's page, or one whose forms carry a token for this reader's cookie.
    if (signedIn || csrfToken !== undefined) notForKeeping(request);
    const html = await reply.viewAsync(`${template}.njk`, {
      ...context,
      caller,
      signedIn,
      csrfToken,
      currentPath: request.url,
      // Any page a clerk's form returns to confirms what was recorded (layout.njk's banner),
      // as the console does: the redirect after a record names its command.
      justRecorded: caller.role === 'clerk' ? recordedOf(request.query) : undefined,
    });
    return reply
      .status(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(html);
  }

  /**
   * Runs a page's work; a problem (not found, a bad date) becomes an error page with its status.
   * Work that answers by itself (a download) returns nothing.
   */
  async page(
    request: FastifyRequest,
    reply: FastifyReply,
    work: () => PageWork | Promise<PageWork>,
  ): Promise<FastifyReply> {
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

/** The command a form just recorded, from the page's query (`recorded`), if it names one. */
function recordedOf(query: unknown): string | undefined {
  const value = (query as Record<string, unknown> | undefined)?.recorded;
  return typeof value === 'string' && COMMAND_TYPE.test(value) ? value : undefined;
}
