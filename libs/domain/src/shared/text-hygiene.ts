/**
 * What every string the ledger takes is held to, wherever it sits in a body, a query or a
 * command (ids, names, free text, a correction's changes, object keys): it is stored, hashed as
 * canonical JSON (RFC 8785) and shown on pages, registers and exports, so it must be well-formed
 * Unicode and hold nothing that hides or rearranges what a reader sees.
 *
 * Refused everywhere:
 * - a lone surrogate: not well-formed Unicode. RFC 8785 implementations refuse it and jq fails
 *   on an export holding one (String.prototype.isWellFormed says the same; the `u` flag's class
 *   below matches a surrogate only when it is not half of a pair).
 * - C0 and C1 control characters and DEL (NUL, BEL, ESC, NEL, …), but tab, line feed and
 *   carriage return, which free text needs.
 * - the bidi embedding, override and isolate controls U+202A–U+202E and U+2066–U+2069
 *   ("Trojan Source"). Free text is refused them too, not only names and titles: a record is
 *   shown next to other records (a register's row, a CSV cell, a line of an export in a
 *   terminal), where an unclosed one reorders what follows it; even a closed one makes the text a
 *   reader sees differently ordered from the characters stored, hashed and quoted, the opposite of
 *   what a checkable record is for; and a correction's free-form `changes` would let one into any
 *   field. Mixed-direction text is still written faithfully with the implicit marks (U+200E
 *   LEFT-TO-RIGHT MARK, U+200F RIGHT-TO-LEFT MARK, U+061C ARABIC LETTER MARK), which are accepted.
 *
 * Single-line fields (ids, names, titles, labels) are also refused line breaks and tabs
 * (singleLineProblem); free text keeps them.
 *
 * It is the domain's because two layers judge text: the DTOs (libs/recording, dto/text-hygiene.ts)
 * hold every command to it at the edge, and a correction's changes are held to it again here
 * (field-values.ts, `changedTextProblems`), where the field a changed value goes into is known.
 * One judgement, so the two can never disagree.
 */

// One class, tested once per string. With the `u` flag the range D800–DFFF matches only a
// surrogate that is not half of a pair. Matching control characters is the point of it:
// eslint-disable-next-line no-control-regex
const REFUSED_IN_TEXT = /[\0-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069\uD800-\uDFFF]/u;

const BIDI_CONTROLS: Readonly<Record<number, string>> = {
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
};

const LINE_BREAKS: Readonly<Record<number, string>> = {
  0x09: 'a tab',
  0x0a: 'a line feed',
  0x0d: 'a carriage return',
  0x2028: 'a line separator',
  0x2029: 'a paragraph separator',
};

const SINGLE_LINE_REFUSED = /[\t\n\r\u2028\u2029]/;

/** U+00A0: four hex digits at least, as the Unicode standard writes a code point. */
function codePoint(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Where a character is, counted in characters (code points) from 1, as a reader counts them. */
function position(text: string, index: number): string {
  return `at character ${[...text.slice(0, index)].length + 1}`;
}

/**
 * Why `text` may not be stored, as a phrase to follow its field's name ("is not well-formed
 * Unicode: …"), or undefined when it may.
 */
export function textProblem(text: string): string | undefined {
  const found = REFUSED_IN_TEXT.exec(text);
  if (!found) return undefined;
  const code = found[0].charCodeAt(0);
  const where = position(text, found.index);
  if (code >= 0xd800 && code <= 0xdfff)
    return `is not well-formed Unicode: it has a lone surrogate (${codePoint(code)}) ${where}`;
  const bidi = BIDI_CONTROLS[code];
  if (bidi)
    return `has ${codePoint(code)} ${bidi} ${where}, which reorders what a reader sees; mark a direction with U+200E or U+200F instead`;
  return `has the control character ${codePoint(code)} ${where}; text may hold no control characters but tab, line feed and carriage return`;
}

/** Why `text` is not one line, as a phrase to follow its field's name, or undefined when it is. */
export function singleLineProblem(text: string): string | undefined {
  const found = SINGLE_LINE_REFUSED.exec(text);
  if (!found) return undefined;
  const code = found[0].charCodeAt(0);
  return `must be one line: it has ${LINE_BREAKS[code]} (${codePoint(code)}) ${position(text, found.index)}`;
}
