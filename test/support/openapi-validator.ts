import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

type Doc = {
  paths: Record<
    string,
    Record<
      string,
      { operationId: string; responses: Record<string, { content?: Record<string, { schema?: unknown }> }> }
    >
  >;
  components?: { schemas?: Record<string, unknown> };
};

/**
 * Checks an answer against the schema the document declares for its operation and status, as
 * any client of the document would expect it: an undeclared status, media type or a body that
 * does not match is an error naming the operation.
 */
export class OpenApiResponseValidator {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly compiled = new Map<string, ValidateFunction>();
  /** `operationId status` of every answer checked. */
  readonly checked = new Set<string>();

  constructor(readonly document: Doc) {
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: 'openapi', components: document.components ?? {} });
  }

  operationIdOf(method: string, path: string): string {
    const op = this.document.paths[path]?.[method.toLowerCase()];
    if (!op) throw new Error(`${method} ${path} is not in the document`);
    return op.operationId;
  }

  /** Undefined when the answer matches its documented schema, else what is wrong. */
  check(
    method: string,
    path: string,
    status: number,
    contentType: string,
    body: unknown,
  ): string | undefined {
    const op = this.document.paths[path]?.[method.toLowerCase()];
    if (!op) return `${method} ${path} is not in the document`;
    this.checked.add(`${op.operationId} ${status}`);
    const response = op.responses[String(status)] ?? op.responses.default;
    if (!response)
      return `${op.operationId} answered ${status}, which the document does not declare (${Object.keys(op.responses).join(', ')}): ${JSON.stringify(body).slice(0, 300)}`;
    const mediaType = contentType.split(';')[0].trim();
    if (!response.content) return undefined;
    const media = response.content[mediaType];
    if (!media)
      return `${op.operationId} answered ${status} as ${mediaType}; the document says ${Object.keys(response.content).join(', ')}`;
    if (!media.schema) return undefined;
    const key = `${op.operationId} ${status} ${mediaType}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(
        JSON.parse(JSON.stringify(media.schema).replace(/"#\/components\//g, '"openapi#/components/')),
      );
      this.compiled.set(key, validate);
    }
    return validate(body)
      ? undefined
      : `${op.operationId} ${status} does not match its schema: ${this.ajv.errorsText(validate.errors)}`;
  }
}
