import { ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { ProblemException } from './problem';

export type FieldProblem = { field: string; messages: string[] };

/** class-validator's nested errors as a flat list of dotted field paths. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    return [...(e.constraints ? [{ field, messages: Object.values(e.constraints) }] : []), ...flattenValidationErrors(e.children ?? [], field)];
  });
}

export function validationProblem(problems: FieldProblem[]): ProblemException {
  return new ProblemException('validation-failed', `${problems.length} field(s) are not valid: ${problems.map((p) => p.field || 'body').join(', ')}`, { errors: problems });
}

/** Query strings and path DTOs: unknown fields refused, every bad one listed. */
export function ledgerValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    exceptionFactory: (errors) => validationProblem(flattenValidationErrors(errors)),
  });
}
