import { ensure } from '../shared/rules';

/**
 * A body's form of decision reference: literal text, `{seq:N}` a number of at least N digits,
 * `{year}` four digits. `PCC/D/{seq:3}` accepts PCC/D/001 and PCC/D/1032.
 */
const PLACEHOLDER = /(\{seq:\d+\}|\{year\})/;

/** The form as a pattern a reference must match whole. */
export function referencePattern(format: string): RegExp {
  const parts = format.split(PLACEHOLDER).map((part) => {
    const seq = /^\{seq:(\d+)\}$/.exec(part);
    if (seq) return `\\d{${seq[1]},}`;
    if (part === '{year}') return '\\d{4}';
    return part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  });
  return new RegExp(`^${parts.join('')}$`);
}

/** A form numbers records: it has a `{seq:N}` (N at least 1), and no placeholder it does not know. */
export function validReferenceFormat(format: string): void {
  const literal = format.split(PLACEHOLDER).filter((part, i) => i % 2 === 0);
  const unknown = literal.join('').match(/\{[^}]*\}/);
  ensure(
    !unknown,
    'invalid-value',
    `${unknown?.[0]} is not a part of a reference form: use {seq:N} (a number of at least N digits) or {year}`,
  );
  ensure(
    /\{seq:[1-9]\d*\}/.test(format),
    'invalid-value',
    `${format} has no {seq:N}: a form numbers each decision record, e.g. PCC/D/{seq:3}`,
  );
}
