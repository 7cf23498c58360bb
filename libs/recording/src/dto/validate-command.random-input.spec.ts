import fc from 'fast-check';
import { DTO_COMMAND_TYPES } from './command-dtos';
import { VALID_CASES } from './testing/command-problems';
import { CommandValidationError, validateCommandData } from './validate-command';

describe('validateCommandData: random input never throws anything but CommandValidationError', () => {
  describe('random input', () => {
    const types = [...DTO_COMMAND_TYPES, 'Nope', ''];
    /** Keys that have tripped object mappers: prototype keys, and names of Object.prototype's members. */
    const trickyKey = fc.constantFrom(
      '__proto__',
      'constructor',
      'prototype',
      'then',
      'toString',
      'valueOf',
      'hasOwnProperty',
      'length',
      '0',
    );
    /** JSON values whose object keys are often tricky (fc.jsonValue's keys are random strings). */
    const trickyJson = fc.anything({
      key: fc.oneof(fc.string(), trickyKey),
      values: [fc.boolean(), fc.integer(), fc.double(), fc.string(), fc.constant(null)],
      maxDepth: 4,
      withBoxedValues: false,
      withMap: false,
      withSet: false,
      withObjectString: false,
      withNullPrototype: false,
      withDate: false,
      withTypedArray: false,
      withSparseArray: false,
    });
    const expectOnlyValidationErrors = (type: string, payload: unknown) => {
      try {
        const result = validateCommandData(type, payload);
        // Accepted: it was valid JSON data, and comes back unchanged.
        expect(result).toEqual(payload);
      } catch (error) {
        if (!(error instanceof CommandValidationError)) throw error;
        expect(error.problems.length).toBeGreaterThan(0);
        for (const problem of error.problems) expect(problem.messages.length).toBeGreaterThan(0);
      }
    };

    it('never throws anything but CommandValidationError for arbitrary JSON', () => {
      fc.assert(fc.property(fc.constantFrom(...types), fc.jsonValue(), expectOnlyValidationErrors), {
        numRuns: 1000,
      });
    });

    it('never throws anything but CommandValidationError for arbitrary JSON objects', () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...types),
          fc.dictionary(fc.string(), fc.jsonValue()),
          expectOnlyValidationErrors,
        ),
        { numRuns: 1000 },
      );
    });

    it('never throws anything but CommandValidationError for objects with tricky keys at any depth', () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...types),
          fc.dictionary(fc.oneof(fc.string(), trickyKey), trickyJson),
          expectOnlyValidationErrors,
        ),
        { numRuns: 1000 },
      );
    });

    it('never throws anything but CommandValidationError for valid payloads with fields replaced, added or removed', () => {
      const key = fc.oneof(
        fc.constantFrom(...new Set(VALID_CASES.flatMap(([, , p]) => Object.keys(p)))),
        trickyKey,
        fc.string(),
      );
      const mutated = fc.constantFrom(...VALID_CASES).chain(([type, , payload]) =>
        fc
          .tuple(
            fc.constant(type),
            fc.dictionary(
              fc.oneof(fc.constantFrom(...Object.keys(payload)), key),
              fc.oneof(fc.jsonValue(), trickyJson, fc.constant(undefined)),
              { maxKeys: 3 },
            ),
            fc.subarray(Object.keys(payload), { maxLength: Math.min(2, Object.keys(payload).length) }),
          )
          .map(([t, changes, removed]) => {
            const copy: Record<string, unknown> = structuredClone(payload);
            for (const k of removed) delete copy[k];
            for (const [k, v] of Object.entries(changes))
              Object.defineProperty(copy, k, {
                value: v,
                enumerable: true,
                writable: true,
                configurable: true,
              });
            return [t, copy] as const;
          }),
      );
      fc.assert(
        fc.property(mutated, ([type, payload]) => {
          try {
            const result = validateCommandData(type, payload);
            expect(result).toEqual(JSON.parse(JSON.stringify(payload)));
          } catch (error) {
            if (!(error instanceof CommandValidationError)) throw error;
          }
        }),
        { numRuns: 2000 },
      );
    });
  });
});
