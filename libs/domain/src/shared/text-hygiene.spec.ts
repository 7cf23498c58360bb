import fc from 'fast-check';
import { singleLineProblem, textProblem } from './text-hygiene';

/** Node 20 has String.prototype.isWellFormed; the ES2023 lib the project compiles against does not type it. */
const isWellFormed = (text: string) => (text as unknown as { isWellFormed(): boolean }).isWellFormed();

describe('text hygiene: what every string the ledger takes is held to', () => {
  it.each([
    [
      'a lone high surrogate',
      'lone \ud800 surrogate',
      /^is not well-formed Unicode: it has a lone surrogate \(U\+D800\) at character 6$/,
    ],
    ['a lone low surrogate', 'x\udc00', /lone surrogate \(U\+DC00\) at character 2/],
    ['NUL', 'a\u0000', /^has the control character U\+0000 at character 2;/],
    ['BEL', '\u0007', /control character U\+0007 at character 1/],
    ['ESC', 'x\u001b[31m', /control character U\+001B/],
    ['DEL', 'x\u007f', /control character U\+007F/],
    ['NEL, a C1 control', 'x\u0085', /control character U\+0085/],
    ['a vertical tab', 'x\u000b', /control character U\+000B/],
    [
      'RIGHT-TO-LEFT OVERRIDE',
      'x\u202e',
      /^has U\+202E RIGHT-TO-LEFT OVERRIDE at character 2, which reorders what a reader sees/,
    ],
    ['LEFT-TO-RIGHT EMBEDDING', '\u202a', /U\+202A LEFT-TO-RIGHT EMBEDDING/],
    ['FIRST STRONG ISOLATE', '\u2068', /U\+2068 FIRST STRONG ISOLATE/],
    ['POP DIRECTIONAL ISOLATE', '\u2069', /U\+2069 POP DIRECTIONAL ISOLATE/],
  ])('refuses %s, saying what and where', (_, text, message) => {
    expect(textProblem(text)).toMatch(message);
  });

  it('counts where in characters a reader counts, an emoji being one', () => {
    expect(textProblem('👍🏽\u0000')).toMatch(/at character 3/);
  });

  it.each([
    'Siân Ŵyn-Jones',
    '‘Bob’ O’Neill — “Chair” – 5–7 …',
    'אבי\u200fכהן and العربية\u061c',
    'Ali 👍🏽 Khan 𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
    'First line.\r\n\r\n\tSecond paragraph.',
    '',
  ])('takes %j', (text) => {
    expect(textProblem(text)).toBeUndefined();
  });

  it('refuses exactly the text String.prototype.isWellFormed says is not well formed (other characters being clean)', () => {
    const clean = fc
      .string({ unit: 'binary', minLength: 1, maxLength: 1 })
      .filter((c) => textProblem(c) === undefined);
    const loneHalf = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(clean, clean, loneHalf) }), (text) => {
        expect(textProblem(text) !== undefined).toBe(!isWellFormed(text));
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['a line feed', 'a\nb', /^must be one line: it has a line feed \(U\+000A\) at character 2$/],
    ['a carriage return', 'a\r\nb', /a carriage return \(U\+000D\)/],
    ['a tab', 'a\tb', /a tab \(U\+0009\)/],
    ['a line separator', 'a\u2028b', /a line separator \(U\+2028\)/],
  ])('singleLineProblem refuses %s', (_, text, message) => {
    expect(singleLineProblem(text)).toMatch(message);
  });
});
