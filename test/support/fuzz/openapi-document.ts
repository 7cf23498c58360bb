import type { Value } from './raw-json';

/*
 * The OpenAPI document, as far as the fuzz reads it: its operations, its schemas with their
 * references followed, and a valid-looking value for a schema, from its examples.
 */

export interface Schema {
  type?: string;
  format?: string;
  enum?: string[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minProperties?: number;
  additionalProperties?: unknown;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  example?: unknown;
  $ref?: string;
  allOf?: Schema[];
}
export interface Param {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}
export interface Operation {
  operationId: string;
  method: 'get' | 'post' | 'put';
  path: string;
  pathParams: Param[];
  queryParams: Param[];
  body?: Schema;
  statuses: string[];
}
export type Doc = {
  paths: Record<
    string,
    Record<
      string,
      {
        operationId: string;
        parameters?: Param[];
        requestBody?: { content: Record<string, { schema: Schema }> };
        responses: Record<string, unknown>;
      }
    >
  >;
  components?: { schemas?: Record<string, Schema> };
};

export function operationsOf(doc: Doc): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => {
      // PUT takes raw bytes (document content), not JSON: fuzzed through its path and caller, like a GET.
      if (method !== 'get' && method !== 'post' && method !== 'put')
        throw new Error(`The fuzz knows GET, POST and PUT; ${method.toUpperCase()} ${path} is new: teach it`);
      const params = op.parameters ?? [];
      return {
        operationId: op.operationId,
        method: method,
        path,
        pathParams: params.filter((p) => p.in === 'path'),
        queryParams: params.filter((p) => p.in === 'query'),
        body: op.requestBody?.content['application/json']?.schema,
        statuses: Object.keys(op.responses),
      } satisfies Operation;
    }),
  );
}

/** A schema with its `$ref` (and single `allOf`) followed; an unknown reference resolves to `{}`. */
export function resolver(doc: Doc) {
  const schemas = doc.components?.schemas ?? {};
  const resolve = (schema: Schema | undefined, depth = 0): Schema => {
    if (!schema || depth > 8) return {};
    const { $ref, allOf, ...rest } = schema;
    if ($ref !== undefined)
      return { ...resolve(schemas[$ref.replace('#/components/schemas/', '')], depth + 1), ...rest };
    if (allOf?.length === 1) return { ...resolve(allOf[0], depth + 1), ...rest };
    return schema;
  };
  return resolve;
}

export type Kind = 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object';
export function kindOf(schema: Schema): Kind | undefined {
  if (schema.type && ['string', 'number', 'integer', 'boolean', 'array', 'object'].includes(schema.type))
    return schema.type as Kind;
  if (schema.enum) return 'string';
  if (schema.properties) return 'object';
  const example = schema.example;
  if (Array.isArray(example)) return 'array';
  if (example !== null && example !== undefined)
    return typeof example === 'object' ? 'object' : (typeof example as Kind);
  return undefined;
}

/** A valid-looking value from the document's examples, for the fields a request keeps. */
export function exampleOf(schema: Schema, resolve: (s?: Schema) => Schema, depth = 0): Value {
  const s = resolve(schema);
  if (s.example !== undefined) return s.example as Value;
  const kind = kindOf(s);
  if (kind === 'object' && s.properties && depth < 4) {
    return Object.fromEntries(
      Object.entries(s.properties)
        .filter(([k, p]) => (s.required ?? []).includes(k) || resolve(p).example !== undefined)
        .map(([k, p]) => [k, exampleOf(p, resolve, depth + 1)]),
    );
  }
  if (kind === 'array')
    return s.items && (s.minItems ?? 0) > 0 ? [exampleOf(s.items, resolve, depth + 1)] : [];
  if (kind === 'string') return s.enum?.[0] ?? (s.format === 'date-time' ? '2013-01-31' : 'x');
  if (kind === 'number' || kind === 'integer') return s.minimum ?? 1;
  if (kind === 'boolean') return true;
  return 'x';
}
