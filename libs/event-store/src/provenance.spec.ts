import { isApproximate, normaliseStoredSource, sourcesOf, storedSource } from './provenance';
import { SqliteEventStore } from './sqlite/sqlite-event-store';
import { storedOccurredAt } from './validation';

const first = {
  kind: 'news-report',
  reference: 'seeds/000_a6c106a25c8c662b.txt',
  quote: 'not against outsourcing completely',
};
const second = {
  kind: 'news-report',
  reference: 'seeds/001_1e4c887b418be342.txt',
  url: 'https://example.org/report',
  accessedAt: '2014-03-02',
  contentHash: 'a'.repeat(64),
};

describe('sources, plural, in the one stored metadata.source', () => {
  it('stores the first source, the others as `more`, and the approximation; reads them back in order', () => {
    const stored = storedSource([first, second], true);
    expect(stored).toEqual({ ...first, more: [second], occurredAtApproximate: true });
    expect(sourcesOf({ source: stored })).toEqual([first, second]);
    expect(isApproximate({ source: stored })).toBe(true);
  });

  it('reads an event written before as citing its one source, its date exact', () => {
    const old = { kind: 'statute', reference: 'seeds/README.md' };
    expect(sourcesOf({ source: old })).toEqual([old]);
    expect(isApproximate({ source: old })).toBe(false);
  });

  it.each([
    [{ ...first, url: 'not a url' }, 'metadata.source.url', /is not an absolute URL/],
    [{ ...first, contentHash: 'abc' }, 'metadata.source.contentHash', /SHA-256 in 64 lower-case hex digits/],
    [{ ...first, accessedAt: 'last week' }, 'metadata.source.accessedAt', /ISO 8601/],
    [{ ...first, quote: ' ' }, 'metadata.source.quote', /non-empty string/],
    [{ ...first, more: [{ kind: 'x' }] }, 'metadata.source.more[0].reference', /non-empty string/],
    [{ ...first, more: [] }, 'metadata.source.more', /1 to 31 further sources/],
    [{ ...first, occurredAtApproximate: false }, 'metadata.source.occurredAtApproximate', /true or absent/],
  ])('refuses a bad source, naming the field: %j', (source, field, message) => {
    expect(() => normaliseStoredSource(source, 'metadata.source')).toThrow(message);
    try {
      normaliseStoredSource(source, 'metadata.source');
    } catch (error) {
      expect(error).toMatchObject({ code: 'invalid-metadata', field });
    }
  });

  it('keeps nothing it does not know', () => {
    expect(normaliseStoredSource({ ...first, extra: 'x' }, 'source')).toEqual(first);
  });
});

describe('occurredAt as stored', () => {
  it('keeps a year, a month or a day as given, and writes a timestamp as toISOString does', () => {
    expect(storedOccurredAt('2013')).toBe('2013');
    expect(storedOccurredAt('2013-01')).toBe('2013-01');
    expect(storedOccurredAt('2013-01-31')).toBe('2013-01-31');
    expect(storedOccurredAt('2013-01-31T10:00:00+01:00')).toBe('2013-01-31T09:00:00.000Z');
  });

  it('appends and reads back a month and its sources through a real store; refuses a month 13', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    const event = (occurredAt: string) => ({
      id: crypto.randomUUID(),
      type: 'ClaimRecorded',
      data: { n: 1 },
      metadata: { occurredAt, actor: 'clerk', source: storedSource([first, second], true) },
    });
    await store.append('proposal-p', [event('2012-07')]);
    const read = [];
    for await (const e of store.readStream('proposal-p')) read.push(e);
    expect(read[0].metadata.occurredAt).toBe('2012-07');
    expect(sourcesOf(read[0].metadata)).toEqual([first, second]);
    await expect(store.append('proposal-p', [event('2012-13')])).rejects.toMatchObject({
      code: 'invalid-metadata',
      field: 'events[0].metadata.occurredAt',
    });
    await store.close();
  });
});
