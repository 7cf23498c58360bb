import { jsonShapeProblems } from './json-shape';

/*
 * The judgement of one string is the domain's (libs/domain/src/shared/text-hygiene.spec.ts); here,
 * how the edge applies it to every key and value of a body or a query string.
 */
describe('jsonShapeProblems (bodies and query strings) holds every key and value to text hygiene, by path', () => {
  it('names the field of a bad value, nested in objects and arrays', () => {
    expect(
      jsonShapeProblems({
        name: 'ok',
        source: { reference: 'item\u00071' },
        sources: [{ kind: 'ok' }, { kind: 'x\ud800' }],
      }),
    ).toEqual([
      {
        field: 'source.reference',
        messages: [expect.stringMatching(/^source.reference has the control character U\+0007/)],
      },
      {
        field: 'sources[1].kind',
        messages: [expect.stringMatching(/^sources\[1\].kind is not well-formed Unicode/)],
      },
    ]);
  });

  it('names a bad key', () => {
    expect(jsonShapeProblems({ changes: { 'a\u202eb': 1 } })).toEqual([
      { field: 'changes.a\u202eb', messages: [expect.stringMatching(/^the key "a\u202eb" has U\+202E/)] },
    ]);
  });

  it('takes a string query value as it is, and a clean body', () => {
    expect(jsonShapeProblems({ limit: '10', asOf: '2013-01-31' })).toEqual([]);
    expect(jsonShapeProblems({ statement: 'Line one.\nLine two.' })).toEqual([]);
  });
});
