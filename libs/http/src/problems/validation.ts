import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { ProblemException } from './problem';

export type FieldProblem = { field: string; messages: string[] };

/** class-validator's nested errors as a flat list of dotted field paths. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    return [
      ...(e.constraints ? [{ field, messages: Object.values(e.constraints) }] : []),
      ...flattenValidationErrors(e.children ?? [], field),
    ];
  });
}

export function validationProblem(problems: FieldProblem[]): ProblemException {
  return new ProblemException(
    'validation-failed',
    `${problems.length} field(s) are not valid: ${problems.map((p) => p.field || 'body').join(', ')}`,
    { errors: problems },
  );
}

/** Query strings and path DTOs: unknown fields refused (prototype names included), every bad one listed. */
class LedgerValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'query' || metadata.type === 'body') {
      const problems = jsonShapeProblems(value);
      if (problems.length > 0) throw validationProblem(problems);
    }
    return super.transform(value, metadata);
  }
}

export function ledgerValidationPipe(): ValidationPipe {
  return new LedgerValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    exceptionFactory: (errors) => validationProblem(flattenValidationErrors(errors)),
  });
}

/** Names that would reach an object's prototype or shadow its members: never a field of ours. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'prototype', ...Object.getOwnPropertyNames(Object.prototype)]);
const MAX_DEPTH = 32;

/**
 * Problems of shape that class-transformer would hide (it drops prototype names silently) or
 * choke on (deep nesting): checked on every body and query string before validation.
 */
export function jsonShapeProblems(value: unknown, path = '', depth = 0): FieldProblem[] {
  if (value === null || typeof value !== 'object') return [];
  if (depth > MAX_DEPTH)
    return [
      { field: path, messages: [`${path || 'the body'} is nested more than ${MAX_DEPTH} levels deep`] },
    ];
  const entries: Array<[string, unknown]> = Array.isArray(value)
    ? value.map((v, i) => [`[${i}]`, v])
    : Object.keys(value).map((k) => [k, (value as Record<string, unknown>)[k]]);
  return entries.flatMap(([key, child]) => {
    const field = key.startsWith('[') ? `${path}${key}` : path ? `${path}.${key}` : key;
    if (!key.startsWith('[') && FORBIDDEN_KEYS.has(key))
      return [{ field, messages: [`property ${key} should not exist`] }];
    return jsonShapeProblems(child, field, depth + 1);
  });
}
