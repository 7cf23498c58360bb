import { COMMAND_DTOS, DTO_COMMAND_TYPES } from './command-dtos';
import { VALID, fieldsOf, problemsOf, valid } from './testing/command-problems';
import { CommandValidationError, validateCommandData } from './validate-command';

describe('validateCommandData: unknown command types, and payloads that are not JSON data', () => {
  describe('what is not command data', () => {
    it('refuses an unknown command type, naming it', () => {
      for (const type of ['Nope', 'registerBody', 'toString', '__proto__', 'hasOwnProperty', '']) {
        expect(problemsOf(type, {})).toEqual([
          { field: 'type', messages: [`Unknown command type ${JSON.stringify(type)}`] },
        ]);
      }
      expect(() => validateCommandData(undefined as unknown as string, {})).toThrow(CommandValidationError);
    });

    it.each([
      [null, 'null'],
      [undefined, 'a undefined'],
      ['RegisterBody', '"RegisterBody"'],
      [42, 'a number'],
      [true, 'a boolean'],
      [[], 'an array'],
      [[VALID.RegisterBody[0]], 'an array'],
      [new Date(0), 'a Date object'],
      [new Map(), 'a Map object'],
    ])('refuses %p as the payload', (payload, what) => {
      expect(problemsOf('RegisterBody', payload)).toEqual([
        { field: '', messages: [`The data of RegisterBody must be a JSON object, not ${what}`] },
      ]);
    });

    it('refuses values JSON cannot carry, cycles and deep nesting', () => {
      const cyclic: Record<string, unknown> = { amount: 1 };
      cyclic.self = cyclic;
      expect(fieldsOf(problemsOf('CorrectEvent', valid('CorrectEvent', { changes: cyclic })))).toEqual([
        'changes.self',
      ]);
      expect(
        fieldsOf(
          problemsOf('CorrectEvent', valid('CorrectEvent', { changes: { amount: 1, at: new Date(0) } })),
        ),
      ).toEqual(['changes.at']);
      expect(
        fieldsOf(
          problemsOf(
            'CorrectEvent',
            valid('CorrectEvent', { changes: { amount: 1, f: () => 1, n: BigInt(1) } }),
          ),
        ),
      ).toEqual(['changes.f', 'changes.n']);
      let deep: unknown = 1;
      for (let i = 0; i < 40; i += 1) deep = { deep };
      expect(problemsOf('CorrectEvent', valid('CorrectEvent', { changes: deep }))[0].messages[0]).toMatch(
        /nested more than 32 levels deep/,
      );
    });

    it('treats undefined-valued keys as absent and leaves them out', () => {
      const result = validateCommandData('RegisterBody', { ...VALID.RegisterBody[1], area: undefined });
      expect(Object.keys(result)).not.toContain('area');
      expect(fieldsOf(problemsOf('RegisterBody', { ...VALID.RegisterBody[1], name: undefined }))).toEqual([
        'name',
      ]);
    });

    it('has a constructor for every command type', () => {
      for (const type of DTO_COMMAND_TYPES) expect(typeof COMMAND_DTOS[type]).toBe('function');
    });
  });
});
