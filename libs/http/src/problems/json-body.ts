import type { FastifyRequest } from 'fastify';
import { ProblemException } from './problem';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The JSON body parser. Invalid UTF-8 is refused (a lenient decoder would store U+FFFD in place
 * of what was sent), and so is a key given twice in one object (JSON.parse keeps the last,
 * silently; another parser would keep the first). Keys such as `__proto__` are parsed as plain
 * keys (JSON.parse makes them own properties, never prototypes) so that validation can name them
 * as unknown fields.
 */
export function parseJsonBody(
  _request: FastifyRequest,
  body: Buffer,
  done: (error: Error | null, value?: unknown) => void,
): void {
  if (body.length === 0)
    return done(new ProblemException('malformed-request', 'The body is empty; send a JSON object'));
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    return done(new ProblemException('malformed-request', 'The body is not valid UTF-8'));
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return done(
      new ProblemException('malformed-request', `The body is not valid JSON: ${(error as Error).message}`),
    );
  }
  const duplicate = firstDuplicateKey(text);
  if (duplicate !== undefined)
    return done(
      new ProblemException('validation-failed', `The body gives ${duplicate} twice`, {
        errors: [
          {
            field: duplicate,
            messages: [`${duplicate} is given twice in the body; give each key once`],
          },
        ],
      }),
    );
  done(null, value);
}

const BACKSLASH = 0x5c; // \
const QUOTE = 0x22; // "
const COMMA = 0x2c; // ,
const OPEN_OBJECT = 0x7b; // {
const CLOSE_OBJECT = 0x7d; // }
const OPEN_ARRAY = 0x5b; // [
const CLOSE_ARRAY = 0x5d; // ]

/** An object being read: the keys seen so far, and the one whose value comes next. */
interface ObjectFrame {
  path: string;
  keys: Set<string>;
  key: string;
}

/** An array being read: the index of the item being read. */
interface ArrayFrame {
  path: string;
  index: number;
}

/**
 * The path (`source.kind`, `attendees[1].capacity`, as jsonShapeProblems writes them) of the
 * first key that an object of `text` gives twice, or undefined. `text` must be JSON that
 * JSON.parse has read, so that only the structure needs following: strings are skipped whole,
 * and a key is decoded only when it holds an escape (`"na\u006de"` is `name`).
 */
export function firstDuplicateKey(text: string): string | undefined {
  const stack: Array<ObjectFrame | ArrayFrame> = [];
  let expectingKey = false;
  /** The path of the value that starts here: the top level, an object's next key, an array's next item. */
  const pathHere = (): string => {
    const top = stack.at(-1);
    if (top === undefined) return '';
    if ('keys' in top) return top.path ? `${top.path}.${top.key}` : top.key;
    return `${top.path}[${top.index}]`;
  };
  for (let i = 0; i < text.length; i++) {
    switch (text.charCodeAt(i)) {
      case OPEN_OBJECT:
        stack.push({ path: pathHere(), keys: new Set(), key: '' });
        expectingKey = true;
        break;
      case OPEN_ARRAY:
        stack.push({ path: pathHere(), index: 0 });
        break;
      case CLOSE_OBJECT:
      case CLOSE_ARRAY:
        stack.pop();
        expectingKey = false;
        break;
      case COMMA: {
        const top = stack.at(-1);
        if (top !== undefined && 'keys' in top) expectingKey = true;
        else if (top !== undefined) top.index += 1;
        break;
      }
      case QUOTE: {
        const end = closingQuote(text, i);
        if (expectingKey) {
          const top = stack.at(-1) as ObjectFrame;
          const raw = text.slice(i + 1, end);
          const key = raw.includes('\\') ? (JSON.parse(text.slice(i, end + 1)) as string) : raw;
          top.key = key;
          if (top.keys.has(key)) return pathHere();
          top.keys.add(key);
          expectingKey = false;
        }
        i = end;
        break;
      }
    }
  }
  return undefined;
}

/** The index of the quote that closes the string opening at `open`: the first not escaped. */
function closingQuote(text: string, open: number): number {
  let at = text.indexOf('"', open + 1);
  for (;;) {
    let backslashes = 0;
    while (text.charCodeAt(at - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return at;
    at = text.indexOf('"', at + 1);
  }
}
