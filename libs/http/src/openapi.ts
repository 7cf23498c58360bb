import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { commandOf } from './openapi-commands';
import { completeContract } from './openapi-contract';
import { ProblemDto } from './problems/problem.dto';

/** The OpenAPI 3.1 document, generated from the controllers and DTOs: it cannot drift from the code. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('Governance ledger')
    .setDescription(
      'Records how public bodies decide (meetings, recommendations, votes, decisions) as immutable events, and answers: what is the status of a proposal now, what was it on a given date, and who decided what, on what evidence. Errors are RFC 9457 application/problem+json.',
    )
    .setVersion('0.1.0')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'API key or JWT',
      description: 'An API key (clerk or auditor) or a JWT. Without one you read as the public.',
    })
    .build();
  return completeContract(
    declareCommonProblems(
      SwaggerModule.createDocument(app, config, {
        extraModels: [ProblemDto],
        autoTagControllers: false,
        operationIdFactory: (_controller, method) => method,
      }),
    ),
  );
}

/**
 * Answers any route can give, declared on every operation so the document matches the server:
 * 400 (a bad parameter or URL), 401 (a bad token, even on a public read), 408 (headers or body
 * not all arrived within LEDGER_REQUEST_TIMEOUT_MS: Node's parser answers it for any route, a
 * read's headers too), 414 (a URL too long), 429, 431 (headers too large), 500; for an operation
 * that takes a body 413 and 415; and for a write of a command 507 (the disk, or the SQLite file at
 * its limit, cannot take the entry: nothing is written).
 */
function declareCommonProblems(document: OpenAPIObject): OpenAPIObject {
  const problem = (description: string) => ({
    description,
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } },
  });
  for (const methods of Object.values(document.paths)) {
    for (const operation of Object.values(methods) as Array<{
      operationId?: string;
      responses?: Record<string, unknown>;
      requestBody?: unknown;
    }>) {
      if (!operation?.responses) continue;
      const common: Record<string, string> = {
        400: 'Invalid request: every bad field is listed',
        401: 'The bearer token is not valid',
        408: 'The request did not arrive in time: the connection is closed',
        414: 'The URL is too long',
        429: 'Rate limited',
        431: 'The request headers are too large',
        500: 'Something went wrong on our side; the error was logged with the correlation id',
      };
      if (operation.requestBody)
        Object.assign(common, { 413: 'Body too large', 415: 'Not application/json' });
      if (commandOf(operation))
        common[507] =
          "The ledger's storage is full (the disk, or the SQLite file at its limit): nothing was written";
      for (const [status, description] of Object.entries(common))
        operation.responses[status] ??= problem(description);
    }
  }
  return document;
}
