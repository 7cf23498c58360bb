import { ValidateBy, type ValidationArguments } from 'class-validator';
import { singleLineProblem } from '../text-hygiene';

/**
 * Rules and messages the field decorators (fields.ts) share, each saying one clear thing about
 * what is wrong rather than class-validator's stock sentences.
 */

/**
 * One line: no line break or tab (text-hygiene.ts). For a list, each item; the first bad one is
 * named by its index.
 */
export const OneLine = (each = false) => {
  const problemOf = (value: unknown): string | undefined => {
    if (typeof value === 'string') {
      const problem = singleLineProblem(value);
      return problem === undefined ? undefined : `$property ${problem}`;
    }
    if (!Array.isArray(value)) return undefined;
    for (const [i, item] of value.entries()) {
      const problem = typeof item === 'string' ? singleLineProblem(item) : undefined;
      if (problem !== undefined) return `$property[${i}] ${problem}`;
    }
    return undefined;
  };
  return ValidateBy(
    {
      name: 'isOneLine',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || singleLineProblem(value) === undefined,
        defaultMessage: (args?: ValidationArguments) =>
          problemOf(args?.value) ?? '$property must be one line',
      },
    },
    { each },
  );
};

/** What a value that should be a number is instead: text (a number sent in quotes), a list, … */
function kindOf(value: unknown): string {
  if (typeof value === 'string') return 'text';
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : typeof value;
}

/** The one message of a number's kind rule: "amount must be a number, not text". */
export const numberMessage =
  (kind: string) =>
  ({ property, value }: ValidationArguments): string =>
    value === undefined || (typeof value === 'number' && Number.isFinite(value))
      ? `${property} must be ${kind}`
      : `${property} must be ${kind}, not ${kindOf(value)}`;
