import { singleLineProblem, textProblem } from './text-hygiene';
import { isRealDate } from './time';

/**
 * What a field of a recorded event may hold. The API checks a command's data against its DTO
 * (libs/recording) before the domain sees it, but a correction's `changes` are a free object
 * there: these rules are how the domain keeps a corrected event a valid event of its type
 * (shared/corrections.ts). Each aggregate lists the fields whose values a kind alone does not
 * check (a list of allowed values, a date, a number's range); any other field keeps the kind of
 * value it was recorded with (`sameKindAs`).
 */
export interface ValueRule {
  /** What is allowed, as a clerk reads it in the refusal: "one of approve, reject, …". */
  readonly allowed: string;
  test(value: unknown): boolean;
}

/** By event type, then field: the fields whose values need more than their kind checked. */
/** An event as decider.ts types it (named structurally here: decider.ts imports this file). */
type AnEvent = { type: string; data: unknown };

export type FieldValues<E extends AnEvent = AnEvent> = {
  readonly [T in E['type']]?: {
    readonly [K in keyof Extract<E, { type: T }>['data']]?: ValueRule;
  };
};

/** The same, for any stream: what corrections read. */
export interface AnyFieldValues {
  readonly [type: string]: { readonly [field: string]: ValueRule | undefined } | undefined;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
/** Only whitespace or invisible characters: the API's text fields refuse it, so a correction does too. */
const BLANK = /^[\s\p{Cf}\p{Cc}]*$/u;
const TIME = String.raw`T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})`;
/** A day, or a date-time with its zone: as the API takes `startDate`, `publishedOn`, … */
const DAY_OR_TIME = new RegExp(String.raw`^\d{4}-\d{2}-\d{2}(?:${TIME})?$`);
/** Also a year or a month, kept as given (README, "Uncertain dates"). */
const ANY_PRECISION = new RegExp(String.raw`^\d{4}(?:-\d{2}(?:-\d{2}(?:${TIME})?)?)?$`);

export const TEXT: ValueRule = { allowed: 'a text, not blank', test: (v) => isString(v) && !BLANK.test(v) };
export const FLAG: ValueRule = { allowed: 'true or false', test: (v) => typeof v === 'boolean' };
export const NUMBER: ValueRule = {
  allowed: 'a number',
  test: (v) => typeof v === 'number' && Number.isFinite(v),
};
export const AMOUNT: ValueRule = {
  allowed: 'a number, 0 or more',
  test: (v) => NUMBER.test(v) && (v as number) >= 0,
};
export const DATE: ValueRule = {
  allowed: 'a date (2012-11-22) or a date-time with its zone (2012-11-22T10:00:00Z)',
  test: (v) => isString(v) && DAY_OR_TIME.test(v) && isRealDate(v),
};
export const UNCERTAIN_DATE: ValueRule = {
  allowed: 'a year (2013), a month (2013-01), a day (2013-01-31) or a date-time with its zone',
  test: (v) => isString(v) && ANY_PRECISION.test(v) && isRealDate(v),
};

export function wholeNumber(min: number, max?: number): ValueRule {
  return {
    allowed: max === undefined ? `a whole number, ${min} or more` : `a whole number from ${min} to ${max}`,
    test: (v) => Number.isInteger(v) && (v as number) >= min && (max === undefined || (v as number) <= max),
  };
}

export function oneOf(values: readonly (string | number)[]): ValueRule {
  return { allowed: `one of ${values.join(', ')}`, test: (v) => (values as readonly unknown[]).includes(v) };
}

export function listOf(item: ValueRule): ValueRule {
  return {
    allowed: `a list, each ${item.allowed}`,
    test: (v) => Array.isArray(v) && v.every((i) => item.test(i)),
  };
}

/**
 * A nested object: its fields checked by their rules, those in `required` present, no other
 * field (as the API's DTOs refuse unknown ones).
 */
export function shape(
  fields: Readonly<Record<string, ValueRule>>,
  required: readonly string[] = [],
): ValueRule {
  const described = Object.entries(fields).map(
    ([name, rule]) => `${name}${required.includes(name) ? '' : ' (optional)'}: ${rule.allowed}`,
  );
  return {
    allowed: `an object of ${described.join('; ')}`,
    test: (v) =>
      isObject(v) &&
      required.every((name) => v[name] !== undefined) &&
      Object.entries(v).every(([name, value]) => fields[name]?.test(value) ?? false),
  };
}

/** An optional field's rule, where null takes the field back out: the source states none. */
export function orNull(rule: ValueRule): ValueRule {
  return { allowed: `${rule.allowed}, or null (none stated)`, test: (v) => v === null || rule.test(v) };
}

/** One of several shapes (a decision rule's, by its `kind`). */
export function either(...rules: readonly ValueRule[]): ValueRule {
  return { allowed: rules.map((r) => r.allowed).join(', or '), test: (v) => rules.some((r) => r.test(v)) };
}

const LIST: ValueRule = { allowed: 'a list', test: (v) => Array.isArray(v) };
const OBJECT: ValueRule = { allowed: 'an object', test: isObject };
const NOT_NULL: ValueRule = { allowed: 'a value', test: (v) => v !== null && v !== undefined };

/** A field no aggregate lists keeps the kind of value it was recorded with: a text stays a text. */
export function sameKindAs(recorded: unknown): ValueRule {
  if (isString(recorded)) return TEXT;
  if (typeof recorded === 'number') return NUMBER;
  if (typeof recorded === 'boolean') return FLAG;
  if (Array.isArray(recorded)) return LIST;
  if (isObject(recorded)) return OBJECT;
  return NOT_NULL;
}

/** A value as a refusal quotes it: JSON, cut short. */
export function quoted(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 80 ? `${json.slice(0, 80)}…` : json;
}

/**
 * Free text: the fields that may run to several lines and hold tabs, as their commands take them
 * (the DTOs' LongTextField, and PlaceField: an address is written on several lines). Every other
 * text an event holds is one line, as the DTOs' short texts, ids, dates, links and listed values
 * are: a new field is held to one line until it is named here. A name free text in some events
 * only lists them (a public question is asked in prose; a vote's question is a motion's title).
 * libs/recording/src/dto/correction-text.spec.ts checks this against every command's DTO.
 */
const FREE_TEXT: Readonly<Record<string, true | readonly string[]>> = {
  answer: true,
  content: true,
  declaredInterest: true,
  description: true,
  exemptionReason: true,
  financialImplications: true,
  findings: true,
  legalImplications: true,
  note: true,
  place: true,
  publicInterestReason: true,
  question: ['PublicQuestionAsked'],
  rationale: true,
  reason: true,
  reasons: true,
  recommendation: true,
  statement: true,
  summary: true,
  text: true,
};

/** Whether `field` of a `type` event holds one line (text-hygiene.ts, singleLineProblem). */
export function holdsOneLine(type: string, field: string): boolean {
  const free = Object.hasOwn(FREE_TEXT, field) ? FREE_TEXT[field] : undefined;
  return free === undefined || (free !== true && !free.includes(type));
}

/** A text of a changed value that may not be stored: its path under the event (`chair.capacity`) and why. */
export interface TextProblem {
  field: string;
  problem: string;
}

/**
 * What is wrong with the text of `value`, given to `field` of a `type` event by a correction: the
 * rules of text-hygiene.ts the field's command is held to at the edge, which cannot judge a
 * correction's free-form changes by field. Every string in it is judged, at any depth; whether
 * one must be one line is said by the field that holds it (a list's items by the list's name).
 */
export function changedTextProblems(type: string, field: string, value: unknown): TextProblem[] {
  const problems: TextProblem[] = [];
  const walk = (v: unknown, path: string, name: string): void => {
    if (typeof v === 'string') {
      const problem = textProblem(v) ?? (holdsOneLine(type, name) ? singleLineProblem(v) : undefined);
      if (problem !== undefined) problems.push({ field: path, problem });
    } else if (Array.isArray(v)) v.forEach((item, i) => walk(item, `${path}[${i}]`, name));
    else if (isObject(v)) for (const [key, item] of Object.entries(v)) walk(item, `${path}.${key}`, key);
  };
  walk(value, field, field);
  return problems;
}
