import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toProblem } from './problem';

/** Every error leaves as application/problem+json; a 5xx is logged with its correlation id, never shown. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = { ...toProblem(error), instance: request.url };
    if (problem.status >= 500) this.logger.error({ err: error, correlationId: request.id }, 'Request failed');
    void reply.status(problem.status).header('content-type', 'application/problem+json').send(problem);
  }
}
