import fc from 'fast-check';
import type { FastifyRequest } from 'fastify';
import { firstDuplicateKey, parseJsonBody } from './json-body';
import { ProblemException, toProblem } from './problem';

/** What the parser hands Fastify: the value, or the problem the client is answered with. */
function parse(text: string): { value?: unknown; problem?: ReturnType<typeof toProblem> } {
  let answer: { value?: unknown; problem?: ReturnType<typeof toProblem> } = {};
  parseJsonBody({} as FastifyRequest, Buffer.from(text, 'utf8'), (error, value) => {
    answer = error ? { problem: toProblem(error) } : { value };
  });
  return answer;
}

describe('the JSON body parser refuses a key given twice', () => {
  it('refuses {"name":"First","name":"Second"} naming the key, rather than keeping Second', () => {
    const { value, problem } = parse('{"personId":"p","name":"First","name":"Second"}');
    expect(value).toBeUndefined();
    expect(problem).toMatchObject({
      status: 400,
      code: 'validation-failed',
      detail: 'The body gives name twice',
      errors: [{ field: 'name', messages: ['name is given twice in the body; give each key once'] }],
    });
  });

  it.each([
    ['{"a":1,"a":2}', 'a'],
    ['{"source":{"kind":"minutes","kind":"report"}}', 'source.kind'],
    ['{"sources":[{"kind":"a"},{"kind":"b","kind":"c"}]}', 'sources[1].kind'],
    ['{"a":[[1,{"x":1}],[{"y":1,"y":2}]]}', 'a[1][0].y'],
    ['{"name":"A","na\\u006de":"B"}', 'name'],
    ['{ "a" : 1 ,\n "b": {"a": 1}, "a" : 2 }', 'a'],
    ['{"q\\"":1,"q\\"":2}', 'q"'],
    ['{"\\\\":1,"\\\\":2}', '\\'],
    ['{"":1,"":2}', ''],
    ['[{"a":1},{"a":1,"a":1}]', '[1].a'],
  ])('finds the duplicate in %s at %j', (text, path) => {
    expect(firstDuplicateKey(text)).toBe(path);
  });

  it.each([
    '{"a":1,"b":{"a":1},"c":[{"a":1},{"a":1}]}',
    '{"a":"\\"a\\":1,","b":"{\\"a\\":1,\\"a\\":2}"}',
    '{"a\\\\":1,"a":2}',
    '{"name":"x","Name":"y"}',
    '{}',
    '[]',
    '"a"',
    '12',
  ])('finds none in %s', (text) => {
    expect(firstDuplicateKey(text)).toBeUndefined();
    expect(parse(text).problem).toBeUndefined();
  });

  it('finds none in any JSON.stringify output, and the one added to it', () => {
    const value = fc.jsonValue({ maxDepth: 4 });
    fc.assert(
      fc.property(value, fc.string(), (json, key) => {
        const text = JSON.stringify(json);
        expect(firstDuplicateKey(text)).toBeUndefined();
        const doubled = `{${JSON.stringify(key)}:${text},"x":0,${JSON.stringify(key)}:1}`;
        expect(firstDuplicateKey(doubled)).toBe(key);
      }),
      { numRuns: 500 },
    );
  });

  it('still refuses what is not JSON or not UTF-8 as malformed', () => {
    expect(parse('{"a":1,}').problem).toMatchObject({ code: 'malformed-request' });
    let error: Error | null = null;
    parseJsonBody({} as FastifyRequest, Buffer.from([0x7b, 0xff, 0x7d]), (e) => (error = e));
    expect(error).toBeInstanceOf(ProblemException);
    expect((error as unknown as ProblemException).message).toBe('The body is not valid UTF-8');
  });
});
