import { ValidateBy, type ValidationArguments } from 'class-validator';
import { unrealDateProblem } from '@ledger/domain';

/**
 * A date field's one rule: in `pattern`'s form (else `formMessage`), and real (else what is not).
 * One rule, so a field is given one message: the form, or what is impossible about it.
 */
export function LedgerDateRule(pattern: RegExp, formMessage: string): PropertyDecorator {
  const problemOf = (value: unknown): string | undefined => {
    if (typeof value !== 'string' || !pattern.test(value)) return formMessage;
    const unreal = unrealDateProblem(value);
    return unreal === undefined ? undefined : `$property ${unreal}`;
  };
  return ValidateBy({
    name: 'isLedgerDate',
    constraints: [pattern.source],
    validator: {
      validate: (value: unknown) => problemOf(value) === undefined,
      defaultMessage: (args?: ValidationArguments) => problemOf(args?.value) ?? formMessage,
    },
  });
}
