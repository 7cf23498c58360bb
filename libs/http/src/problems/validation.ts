import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { jsonShapeProblems, messagesOf, type FieldProblem } from '@ledger/recording';
import { ProblemException } from './problem';

/** class-validator's nested errors as a flat list of dotted field paths, one message per problem. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    return [
      ...(e.constraints ? [{ field, messages: messagesOf(e.constraints) }] : []),
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
