import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError, type ValidatorOptions } from 'class-validator';
import type { RecordableCommand } from '../record.command';
import { COMMAND_DTOS, isDtoCommandType } from './command-dtos';
import { FORBIDDEN_KEYS, keyProblem, MAX_DEPTH, textFieldProblem, type FieldProblem } from './json-shape';
import type { CommandPayload, DtoCommandType } from './shared/type-checks';
import { prepareValidationMetadata } from './validation-metadata';

export type { FieldProblem } from './json-shape';

/** A command's data failed validation; `problems` lists every bad field, not just the first. */
export class CommandValidationError extends Error {
  override name = 'CommandValidationError';

  constructor(
    readonly commandType: string,
    readonly problems: FieldProblem[],
  ) {
    super(
      `Invalid ${commandType} data: ${problems.map((p) => `${p.field || '(data)'}: ${p.messages.join('; ')}`).join(' | ')}`,
    );
  }
}

prepareValidationMetadata();

/** Unknown fields are refused, not silently dropped; a value no DTO describes is refused too. */
export const COMMAND_VALIDATOR_OPTIONS: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  validationError: { target: false, value: true },
};

/**
 * Validates `payload` as the data of a `type` command against its DTO and returns it as plain
 * data (no class prototypes, no undefined-valued keys), ready for the domain. For a correction the
 * data also carries its `stream`. Throws CommandValidationError naming every bad field; an unknown
 * command type or a payload that is not a JSON object is refused the same way.
 */
export function validateCommandData<T extends DtoCommandType>(type: T, payload: unknown): CommandPayload<T>;
export function validateCommandData(type: string, payload: unknown): Record<string, unknown>;
export function validateCommandData(type: string, payload: unknown): object {
  if (!isDtoCommandType(type)) {
    throw new CommandValidationError(String(type), [
      { field: 'type', messages: [`Unknown command type ${describe(type)}`] },
    ]);
  }
  if (!isPlainObject(payload)) {
    throw new CommandValidationError(type, [
      { field: '', messages: [`The data of ${type} must be a JSON object, not ${describe(payload)}`] },
    ]);
  }
  const problems = new Problems();
  const json = copyJson(payload, '', problems, new Set(), 0) as Record<string, unknown>;
  const instance = plainToInstance(COMMAND_DTOS[type], json);
  collect(validateSync(instance, COMMAND_VALIDATOR_OPTIONS), '', false, problems);
  if (problems.size > 0) throw new CommandValidationError(type, problems.list());
  return toPlain(instance) as Record<string, unknown>;
}

/** Commands built by validateCommand: the command runner does not validate them again. */
const validated = new WeakSet<RecordableCommand>();

/**
 * Validates `payload` as a `type` command's data (for a correction, with its `stream`) and returns
 * the typed command, the stream moved out of the data once. Done once, at the edge: the command
 * runner takes such a command as it is, and validates any other (the CLI's, a test's) itself.
 */
export function validateCommand(type: string, payload: unknown): RecordableCommand {
  const data = validateCommandData(type, payload);
  let command: RecordableCommand;
  if (type === 'CorrectEvent' || type === 'RetractEvent') {
    const { stream, ...rest } = data;
    command = { type, stream, data: rest } as RecordableCommand;
  } else command = { type, data } as RecordableCommand;
  validated.add(command);
  return command;
}

/** True for a command validateCommand returned. */
export function isValidatedCommand(command: RecordableCommand): boolean {
  return validated.has(command);
}

class Problems {
  private readonly byField = new Map<string, string[]>();

  add(field: string, messages: string[]): void {
    const known = this.byField.get(field) ?? [];
    for (const message of messages) if (!known.includes(message)) known.push(message);
    this.byField.set(field, known);
  }

  get size(): number {
    return this.byField.size;
  }

  list(): FieldProblem[] {
    return [...this.byField].map(([field, messages]) => ({ field, messages }));
  }
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `attendees[1].capacity`; a key that is not an identifier is quoted: `changes["a.b"]`. */
function pathOf(parent: string, key: string, parentIsArray: boolean): string {
  if (parentIsArray && /^\d+$/.test(key)) return `${parent}[${key}]`;
  if (!IDENTIFIER.test(key)) return `${parent}[${JSON.stringify(key)}]`;
  return parent ? `${parent}.${key}` : key;
}

/** Rules that say a value is missing or of the wrong kind: when one fails, the others say nothing useful. */
const KIND_RULES = ['isString', 'isBoolean', 'isNumber', 'isInt', 'isArray', 'isObject'];

/**
 * What a field's failed rules say, one message per problem: that it is missing, or of the wrong
 * kind, or else every rule it breaks. For commands and for the HTTP layer's own DTOs alike.
 */
export function messagesOf(constraints: Record<string, string>): string[] {
  if (constraints.isDefined) return [constraints.isDefined];
  const kind = KIND_RULES.filter((rule) => constraints[rule] !== undefined).map((rule) => constraints[rule]);
  return kind.length > 0 ? kind : Object.values(constraints);
}

function collect(
  errors: ValidationError[],
  parent: string,
  parentIsArray: boolean,
  problems: Problems,
): void {
  for (const error of errors) {
    const field = pathOf(parent, error.property, parentIsArray);
    if (error.constraints) problems.add(field, messagesOf(error.constraints));
    if (error.children?.length) collect(error.children, field, Array.isArray(error.value), problems);
  }
}

/** A plain object, from this realm or another (a vm context, structuredClone): no class, no Date, no Map. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  if (Object.prototype.toString.call(value) !== '[object Object]') return false;
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto === null || Object.getPrototypeOf(proto) === null;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 64 ? `${value.slice(0, 64)}…` : value);
  if (typeof value === 'object')
    return `a ${(Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null)?.constructor?.name ?? 'non-plain'} object`;
  return `a ${typeof value}`;
}

/**
 * A fresh JSON tree of plain objects and arrays: keys that would reach a prototype are refused
 * (class-transformer would drop them silently), as are values JSON cannot carry, cycles, absurd
 * nesting and text, in a key or a value, that may not be stored (text-hygiene.ts). Absent
 * (`undefined`) values are left out.
 */
function copyJson(
  value: unknown,
  path: string,
  problems: Problems,
  seen: Set<object>,
  depth: number,
): unknown {
  switch (typeof value) {
    case 'string': {
      const problem = textFieldProblem(value, path);
      if (problem) problems.add(problem.field, problem.messages);
      return value;
    }
    case 'number':
    case 'boolean':
    case 'undefined':
      return value;
    case 'object':
      break;
    default:
      problems.add(path, [`${path || 'the data'} is ${describe(value)}, not a JSON value`]);
      return undefined;
  }
  if (value === null) return null;
  if (seen.has(value)) {
    problems.add(path, [`${path || 'the data'} refers back to itself`]);
    return undefined;
  }
  if (depth >= MAX_DEPTH) {
    problems.add(path, [`${path || 'the data'} is nested more than ${MAX_DEPTH} levels deep`]);
    return undefined;
  }
  seen.add(value);
  try {
    if (Array.isArray(value))
      return Array.from(value, (item, i) => copyJson(item, `${path}[${i}]`, problems, seen, depth + 1));
    if (!isPlainObject(value)) {
      problems.add(path, [`${path || 'the data'} is ${describe(value)}, not plain JSON`]);
      return undefined;
    }
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) {
        problems.add(pathOf(path, key, false), [`property ${key} should not exist`]);
        continue;
      }
      const badKey = keyProblem(key, pathOf(path, key, false));
      if (badKey) {
        problems.add(badKey.field, badKey.messages);
        continue;
      }
      const item = copyJson(value[key], pathOf(path, key, false), problems, seen, depth + 1);
      if (item !== undefined) copy[key] = item;
    }
    return copy;
  } finally {
    seen.delete(value);
  }
}

/** The validated instance as plain data: no class prototypes, no undefined-valued keys. */
function toPlain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toPlain);
  if (value !== null && typeof value === 'object') {
    const plain: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) if (item !== undefined) plain[key] = toPlain(item);
    return plain;
  }
  return value;
}
