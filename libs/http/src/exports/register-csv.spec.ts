import { parse } from 'csv-parse/sync';
import { wantsCsv } from './csv-on-accept.interceptor';
import { cellOf, registerCsv } from './register-csv';

const text = async (stream: NodeJS.ReadableStream) => {
  let out = '';
  for await (const chunk of stream) out += String(chunk);
  return out;
};

describe('register CSV', () => {
  it('asks for CSV only when the caller prefers it to JSON', () => {
    expect(wantsCsv('text/csv')).toBe(true);
    expect(wantsCsv('text/csv, application/json')).toBe(true);
    expect(wantsCsv('application/json, text/csv;q=0.5')).toBe(false);
    expect(wantsCsv('text/csv;q=0, */*')).toBe(false);
    expect(wantsCsv('*/*')).toBe(false);
    expect(wantsCsv(undefined)).toBe(false);
  });

  it('spells out each kind of value as one cell', () => {
    expect(cellOf({ a: { b: 'x' } }, 'a.b')).toBe('x');
    expect(cellOf({ a: [1, { c: 2 }] }, 'a')).toBe('[1,{"c":2}]');
    expect(cellOf({ a: false, n: 0 }, 'a')).toBe('false');
    expect(cellOf({ n: 0 }, 'n')).toBe('0');
    expect(cellOf({ a: null }, 'a')).toBe('');
    expect(cellOf({}, 'a.b')).toBe('');
  });

  it('streams every page after the first, with a header row and formula cells escaped', async () => {
    const pages: Record<string, { items: unknown[]; next?: string }> = {
      p2: { items: [{ decisionId: '@two' }], next: 'p3' },
      p3: { items: [{ decisionId: '-3', rationale: 'a, "b"\nc' }] },
    };
    const csv = await text(
      registerCsv(
        'decisions',
        { items: [{ decisionId: '=one' }], next: 'p2' },
        async (after) => pages[after],
      ),
    );
    const [header, ...rows]: string[][] = parse(csv);
    expect(header.slice(0, 3)).toEqual(['decisionId', 'proposal.id', 'proposal.title']);
    expect(rows.map((r) => r[0])).toEqual(["'=one", "'@two", "'-3"]);
    expect(rows[2][header.indexOf('rationale')]).toBe('a, "b"\nc');
    expect(csv.split('\r\n')).toHaveLength(5);
  });

  it('ends in error, not as a CSV that looks whole, when a later page fails', async () => {
    const stream = registerCsv('decisions', { items: [{ decisionId: 'one' }], next: 'p2' }, async () => {
      throw new Error('the store went away');
    });
    await expect(text(stream)).rejects.toThrow('the store went away');
  });
});
