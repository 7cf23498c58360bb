import { Injectable } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';

/** The parts of an OpenAPI schema the forms read. */
interface Schema {
  $ref?: string;
  description?: string;
  example?: unknown;
  allOf?: Schema[];
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  enum?: unknown[];
  items?: Schema;
  maxLength?: number;
  minItems?: number;
  pattern?: string;
}

/** The parts of an OpenAPI operation the forms read. */
interface Operation {
  operationId?: string;
  summary?: string;
  tags?: string[];
  parameters?: Array<{ in: string; name: string; description?: string }>;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

/** One field of a command's form, drawn from the command's schema in the OpenAPI document. */
export interface FormField {
  name: string;
  label: string;
  hint?: string;
  kind: 'text' | 'textarea' | 'lines' | 'json' | 'select' | 'yes-no' | 'number' | 'date';
  required: boolean;
  options?: string[];
  /**
   * A yes/no the source may not answer (a meeting's or decision's publicity): the form offers
   * "Not stated" beside Yes and No, and leaves the field out when it is chosen.
   */
  notStated?: boolean;
  /** Set for the ids the command's path carries. */
  inPath?: boolean;
  /**
   * Required unless the named field is given: the source's kind and reference, which an entry
   * needs unless it cites its sources as a list (the envelope's `sources`).
   */
  requiredWithout?: string;
  /** A list the command needs but that may be empty (a meeting's attendees): left empty, it posts []. */
  emptyList?: boolean;
  /** The form the value must take, as the API checks it (a date as given, an id). */
  pattern?: string;
}

export interface CommandForm {
  operationId: string;
  /** The command's type, e.g. RecordDecision. */
  type: string;
  title: string;
  path: string;
  group: string;
  fields: FormField[];
}

const DATE_HINT = 'ISO 8601';
/** The words of a date given as precisely as the source gives it (a year, a month, a day). */
const DATE_AS_GIVEN_HINT = 'A year (2013)';
/** What the forms say when an entry has no source, in the clerk's words rather than the API's. */
export const NO_SOURCE = 'Enter where this entry comes from: the kind of source and its reference';
/** The source's parts every entry needs, unless it gives its sources as a list. */
const SOURCE_PARTS = ['source.kind', 'source.reference'];
/** The words of an optional yes/no whose absence means the source does not say (see the DTOs). */
const NOT_STATED_HINT = 'not stated is not private';
/** What the "Not stated" radio posts: the field is then left out of the command. */
export const NOT_STATED = 'not-stated';

/**
 * Forms for every command the API has, drawn from the API's own OpenAPI document, so a form
 * cannot drift from its command: each property becomes a field of the kind its schema gives,
 * and a nested object of plain fields (the source) becomes one field per property ("source.kind").
 * What a form posts is turned back into the command's JSON body by the same schema.
 */
@Injectable()
export class CommandForms {
  private document?: () => OpenAPIObject;
  private forms?: Map<string, CommandForm>;

  /** Given by registerWeb: the document is built once, on the first form asked for. */
  useDocument(document: () => OpenAPIObject): void {
    this.document = document;
  }

  all(): CommandForm[] {
    return [...this.load().values()];
  }

  get(operationId: string): CommandForm | undefined {
    return this.load().get(operationId);
  }

  private load(): Map<string, CommandForm> {
    if (this.forms) return this.forms;
    if (!this.document)
      throw new Error(
        'CommandForms has no OpenAPI document: registerWeb(app) must run before the app starts',
      );
    const doc = this.document();
    const schemas = (doc.components?.schemas ?? {}) as Record<string, Schema>;
    const deref = (s: Schema | undefined): Schema => {
      if (!s) return {};
      if (s.$ref) {
        const target = schemas[s.$ref.split('/').pop()!];
        return { ...target, description: s.description ?? target?.description };
      }
      if (Array.isArray(s.allOf) && s.allOf.length === 1)
        return { ...deref(s.allOf[0]), description: s.description, example: s.example };
      return s;
    };
    this.forms = new Map();
    for (const [path, methods] of Object.entries(doc.paths)) {
      const op = (methods as { post?: Operation }).post;
      const bodyRef = op?.requestBody?.content?.['application/json']?.schema;
      if (!op || !bodyRef) continue;
      const body = deref(bodyRef);
      const required = new Set<string>(body.required ?? []);
      const fields: FormField[] = (op.parameters ?? [])
        .filter((p) => p.in === 'path')
        .map((p) => ({
          name: p.name,
          label: labelOf(p.name),
          hint: p.description,
          kind: 'text' as const,
          required: true,
          inPath: true,
        }));
      for (const [name, raw] of Object.entries(body.properties ?? {})) {
        const prop = deref(raw);
        const nested = prop.type === 'object' || prop.properties ? prop : undefined;
        if (nested?.properties && Object.values(nested.properties).every((p) => isPlain(deref(p)))) {
          const inner = new Set<string>(nested.required ?? []);
          for (const [child, childRaw] of Object.entries(nested.properties)) {
            fields.push(
              fieldOf(
                `${name}.${child}`,
                `${labelOf(name)}: ${labelOf(child).toLowerCase()}`,
                deref(childRaw),
                required.has(name) && inner.has(child),
              ),
            );
          }
        } else fields.push(fieldOf(name, labelOf(name), prop, required.has(name)));
      }
      // The envelope makes a source required (or `sources`), though its schema cannot say so.
      if (fields.some((f) => f.name === 'sources'))
        for (const f of fields) if (SOURCE_PARTS.includes(f.name)) f.requiredWithout = 'sources';
      const operationId = String(op.operationId);
      this.forms.set(operationId, {
        operationId,
        type: operationId[0].toUpperCase() + operationId.slice(1),
        title: op.summary ?? labelOf(operationId),
        path,
        group: op.tags?.[0] ?? 'other',
        fields,
      });
    }
    return this.forms;
  }
}

function isPlain(s: Schema): boolean {
  return ['string', 'number', 'integer', 'boolean'].includes(s.type ?? '');
}

function fieldOf(name: string, label: string, s: Schema, required: boolean): FormField {
  const example =
    s.example === undefined ? '' : typeof s.example === 'string' ? s.example : JSON.stringify(s.example);
  const hint = [s.description, example && `For example: ${example}`].filter(Boolean).join(' ');
  if (Array.isArray(s.enum))
    return { name, label, hint: s.description, kind: 'select', required, options: s.enum.map(String) };
  if (s.type === 'boolean') {
    const notStated = !required && (s.description ?? '').toLowerCase().includes(NOT_STATED_HINT);
    return {
      name,
      label,
      hint: s.description,
      kind: 'yes-no',
      required,
      ...(notStated ? { notStated } : {}),
    };
  }
  if (s.type === 'number' || s.type === 'integer') return { name, label, hint, kind: 'number', required };
  // A list the command needs but may be empty is not for the clerk to fill: left empty, it is [].
  const list =
    s.type === 'array' && required && !((s.minItems ?? 0) > 0)
      ? { required: false, emptyList: true }
      : { required };
  if (s.type === 'array' && isPlain(s.items ?? {}))
    return { name, label, hint: `${s.description ?? ''} One on each line.`.trim(), kind: 'lines', ...list };
  if (s.type === 'array' || s.type === 'object' || s.allOf || s.$ref || s.properties)
    return {
      name,
      label,
      hint: `${s.description ?? ''} As JSON${example ? `, for example ${example}` : ''}.`,
      kind: 'json',
      ...list,
    };
  const pattern = typeof s.pattern === 'string' ? { pattern: s.pattern } : {};
  if (typeof s.description === 'string' && s.description.includes(DATE_HINT))
    return { name, label, hint: s.description, kind: 'date', required, ...pattern };
  return { name, label, hint, kind: (s.maxLength ?? 0) > 500 ? 'textarea' : 'text', required, ...pattern };
}

/** "occurredAt" → "Occurred at"; "voteEventId" → "Vote event id". */
export function labelOf(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The HTML id of a field: dots are not safe in a fragment selector. */
export function idOf(name: string): string {
  return `field-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

export interface FormProblem {
  field: string;
  message: string;
}

/**
 * A posted form as the command's body and path ids. Empty fields are left out; a field that
 * cannot be read (JSON that does not parse) is a problem named by its field; the rest is left to
 * the API's own validation, which names every bad field the same way.
 */
export function bodyFromForm(
  form: CommandForm,
  posted: Record<string, unknown>,
): { body: Record<string, unknown>; pathParams: Record<string, string>; problems: FormProblem[] } {
  const body: Record<string, unknown> = {};
  const pathParams: Record<string, string> = {};
  const problems: FormProblem[] = [];
  posted = withWholeObjects(form, posted, problems);
  const missingSource: string[] = [];
  for (const field of form.fields) {
    // Ticked items (checkboxes named "attendees[]", each value one item as JSON) make a list.
    const ticked = posted[`${field.name}[]`];
    if (field.kind === 'json' && ticked !== undefined) {
      const items = (Array.isArray(ticked) ? ticked : [ticked]).filter(
        (v): v is string => typeof v === 'string' && v !== '',
      );
      try {
        setPath(
          body,
          field.name,
          items.map((v): unknown => JSON.parse(v)),
        );
      } catch {
        problems.push({ field: field.name, message: `${field.label}: an item ticked could not be read` });
      }
      continue;
    }
    const raw = posted[field.name];
    const text = (Array.isArray(raw) ? raw[raw.length - 1] : raw) as string | undefined;
    // "Not stated" is an answer, not a value: the field is left out, as the API documents it.
    const notStated = field.notStated === true && text === NOT_STATED;
    if (text === undefined || String(text).trim() === '' || notStated) {
      if (field.required) problems.push({ field: field.name, message: `Enter ${field.label.toLowerCase()}` });
      else if (field.requiredWithout) missingSource.push(field.name);
      else if (field.emptyList) setPath(body, field.name, []);
      continue;
    }
    const value = String(text).trim();
    const malformed = patternProblem(field, value);
    if (malformed) {
      problems.push({ field: field.name, message: malformed });
      continue;
    }
    if (field.inPath) {
      pathParams[field.name] = value;
      continue;
    }
    let parsed: unknown = value;
    if (field.kind === 'number') parsed = /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
    else if (field.kind === 'yes-no') parsed = value === 'yes' ? true : value === 'no' ? false : value;
    else if (field.kind === 'lines')
      parsed = value
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean);
    else if (field.kind === 'json') {
      try {
        parsed = JSON.parse(value);
      } catch {
        problems.push({ field: field.name, message: `${field.label} must be JSON, as in the hint` });
        continue;
      }
    }
    setPath(body, field.name, parsed);
  }
  if (missingSource.length > 0 && body.sources === undefined) problems.push(...sourceProblems(missingSource));
  return { body, pathParams, problems };
}

/** A source not given, in plain words, beside its first missing part. */
function sourceProblems(missing: string[]): FormProblem[] {
  if (missing.length > 1) return [{ field: missing[0], message: NO_SOURCE }];
  return missing[0] === 'source.kind'
    ? [{ field: 'source.kind', message: 'Enter the kind of source, for example minutes' }]
    : [{ field: missing[0], message: 'Enter the source\'s reference, for example "Minutes, item 4"' }];
}

/** A value not in the form the API takes, said before it is sent, so it is listed with the rest. */
function patternProblem(field: FormField, value: string): string | undefined {
  if (!field.pattern) return undefined;
  let pattern: RegExp;
  try {
    pattern = new RegExp(field.pattern);
  } catch {
    return undefined; // Not a pattern this runtime reads: the API's validation still checks it.
  }
  if (pattern.test(value)) return undefined;
  // Named by its label, as the API names it, so the summary says which date is wrong.
  if ((field.hint ?? '').includes(DATE_AS_GIVEN_HINT))
    return `${field.label} must be a year (2013), a month (2013-01), a day (2013-01-31) or a date and time with its zone (2013-01-31T10:00:00Z)`;
  return `${field.label} must be written as its hint shows`;
}

/**
 * An object of plain fields ("chair.personId", "chair.bodyId", ...) may be posted whole, as one
 * JSON value under its own name: the live console's chair is one select, and a select posts one
 * value. Each of its properties fills the field of that name the form left empty. A value that is
 * not such an object is a problem named by the object, never dropped: a meeting recorded without
 * the chair the clerk picked would say "Chair: Not recorded" of a chair that was there.
 */
function withWholeObjects(
  form: CommandForm,
  posted: Record<string, unknown>,
  problems: FormProblem[],
): Record<string, unknown> {
  const merged = { ...posted };
  const groups = new Set(form.fields.filter((f) => f.name.includes('.')).map((f) => f.name.split('.')[0]));
  for (const group of groups) {
    const raw = posted[group];
    const whole = (Array.isArray(raw) ? raw[raw.length - 1] : raw) as unknown;
    if (typeof whole !== 'string' || whole.trim() === '') continue;
    const parts = new Map(
      form.fields
        .filter((f) => f.name.startsWith(`${group}.`))
        .map((f) => [f.name.slice(group.length + 1), f]),
    );
    const label = labelOf(group);
    let value: unknown;
    try {
      value = JSON.parse(whole);
    } catch {
      problems.push({ field: group, message: `${label} could not be read: choose it again` });
      continue;
    }
    const entries =
      typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.entries(value) : [];
    // Each property as its field's form would post it; one of another kind is not read.
    const asPosted = (k: string, v: unknown): string | undefined => {
      const kind = parts.get(k)?.kind;
      if (kind === undefined) return undefined;
      if (kind === 'yes-no') return typeof v === 'boolean' ? (v ? 'yes' : 'no') : undefined;
      if (kind === 'number' && typeof v === 'number') return String(v);
      return typeof v === 'string' ? v : undefined;
    };
    const bad = entries.find(([k, v]) => asPosted(k, v) === undefined);
    if (entries.length === 0 || bad) {
      problems.push({
        field: group,
        message: `${label} could not be read${bad ? ` (its ${labelOf(bad[0]).toLowerCase()})` : ''}: choose it again`,
      });
      continue;
    }
    for (const [k, v] of entries) {
      const name = `${group}.${k}`;
      if (merged[name] === undefined || merged[name] === '') merged[name] = asPosted(k, v);
    }
  }
  return merged;
}

function setPath(target: Record<string, unknown>, dotted: string, value: unknown): void {
  const [head, ...rest] = dotted.split('.');
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  const child = (target[head] ??= {}) as Record<string, unknown>;
  setPath(child, rest.join('.'), value);
}
