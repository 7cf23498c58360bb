import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
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
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key (clerk or auditor) or a JWT. Without one you read as the public.' })
    .build();
  return SwaggerModule.createDocument(app, config, { extraModels: [ProblemDto], operationIdFactory: (_controller, method) => method });
}
