/**
 * What the validate-command.*.spec.ts files share: a valid payload for every command type
 * (valid-payloads.ts), and the helpers that change one and read the problems a refusal names.
 */
import { DTO_COMMAND_TYPES } from '../command-dtos';
import type { DtoCommandType } from '../shared/type-checks';
import { CommandValidationError, validateCommandData, type FieldProblem } from '../validate-command';
import { EVENT_ID, VALID } from './valid-payloads';

export { EVENT_ID, VALID };

export const VALID_CASES = DTO_COMMAND_TYPES.flatMap((type) =>
  VALID[type].map((payload, i) => [type, i, payload] as const),
);

/** Runs the validation expecting a refusal; returns the problems. */
export function problemsOf(type: string, payload: unknown): FieldProblem[] {
  try {
    validateCommandData(type, payload);
  } catch (error) {
    expect(error).toBeInstanceOf(CommandValidationError);
    return (error as CommandValidationError).problems;
  }
  throw new Error(`${type} was accepted: ${JSON.stringify(payload)}`);
}

export const fieldsOf = (problems: FieldProblem[]) => problems.map((p) => p.field).sort();
export const messagesFor = (problems: FieldProblem[], field: string) =>
  problems.find((p) => p.field === field)?.messages ?? [];
export const valid = (type: DtoCommandType, changes: Record<string, unknown> = {}) => ({
  ...structuredClone(VALID[type][0]),
  ...changes,
});
export const without = (type: DtoCommandType, ...keys: string[]) => {
  const copy = valid(type);
  for (const key of keys) delete copy[key];
  return copy;
};
