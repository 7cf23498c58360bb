import fc from 'fast-check';
import { omit } from './omit';

describe('omit', () => {
  it('gives what object rest and spread give, key order included', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.jsonValue()),
        fc.array(fc.string(), { maxLength: 3 }),
        fc.dictionary(fc.string(), fc.integer()),
        (value, keys, extra) => {
          // Own keys, as object rest makes them (even `__proto__`, which fast-check generates).
          const expected = Object.fromEntries(Object.entries(value).filter(([k]) => !keys.includes(k)));
          const spread = { ...expected, ...extra };
          const got = omit(value, keys, extra);
          expect(got).toEqual(spread);
          expect(Object.keys(got)).toEqual(Object.keys(spread));
          expect(Object.getPrototypeOf(got)).toBe(Object.prototype);
        },
      ),
      {
        numRuns: 500,
        // A `__proto__` key in the value and in the extra (found by a run of this property).
        examples: [
          [JSON.parse('{"__proto__":{"a":1},"b":2}') as Record<string, unknown>, ['b'], {}],
          [{}, [], { ['__proto__']: 0 }],
        ],
      },
    );
  });

  it('keeps a `__proto__` key of parsed JSON as a key, as object rest does, without touching the prototype', () => {
    const parsed = JSON.parse('{"proposalId":"p","__proto__":{"reference":"injected"},"amount":1}') as Record<
      string,
      unknown
    >;
    const { proposalId: _p, ...rest } = parsed;
    const got = omit(parsed, ['proposalId'], { eventId: 'e' }) as Record<string, unknown>;
    expect(Object.keys(got)).toEqual([...Object.keys(rest), 'eventId']);
    expect(Object.getPrototypeOf(got)).toBe(Object.prototype);
    expect(got.reference).toBeUndefined();
    expect(JSON.stringify(got)).toBe(JSON.stringify({ ...rest, eventId: 'e' }));
  });

  it('leaves the value as it was', () => {
    const value = { proposalId: 'p', amount: 5 };
    expect(omit(value, ['proposalId'], { eventId: 'e' })).toEqual({ amount: 5, eventId: 'e' });
    expect(value).toEqual({ proposalId: 'p', amount: 5 });
  });
});
