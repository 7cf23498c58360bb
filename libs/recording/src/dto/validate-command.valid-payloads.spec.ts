import { STRATEGIC_ALLIANCE_STORY } from '@ledger/domain';
import { DTO_COMMAND_TYPES } from './command-dtos';
import { EVENT_ID, VALID, VALID_CASES } from './testing/command-problems';
import { validateCommandData } from './validate-command';

describe('validateCommandData: the valid payloads of every command type and of the story', () => {
  it('has a DTO and a valid example for every command type, and the corrections', () => {
    expect(DTO_COMMAND_TYPES).toHaveLength(42);
    expect(DTO_COMMAND_TYPES).toEqual(
      expect.arrayContaining(['CorrectEvent', 'RetractEvent', 'RegisterBody', 'CloseVote']),
    );
    for (const type of DTO_COMMAND_TYPES) expect(VALID[type].length).toBeGreaterThan(0);
  });

  describe.each(VALID_CASES)('a valid %s (#%i)', (type, _i, payload) => {
    it('passes and comes back equal, as plain data', () => {
      const result = validateCommandData(type, payload);
      expect(result).toStrictEqual(payload);
      expect(result).not.toBe(payload);
      expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
      expect(JSON.parse(JSON.stringify(result))).toStrictEqual(result);
    });

    it('has no undefined-valued keys and no class instances anywhere', () => {
      const walk = (value: unknown): void => {
        if (Array.isArray(value)) return value.forEach(walk);
        if (value !== null && typeof value === 'object') {
          expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
          for (const item of Object.values(value)) {
            expect(item).not.toBeUndefined();
            walk(item);
          }
        }
      };
      walk(validateCommandData(type, payload));
    });
  });

  describe('the story of the four reports', () => {
    /** Corrections name their target as `$claim:<id>` until recorded; the HTTP caller sends the recorded event's UUID. */
    const payloadOf = (command: (typeof STRATEGIC_ALLIANCE_STORY)[number]['command']) =>
      'stream' in command
        ? {
            stream: command.stream,
            ...command.data,
            eventId: command.data.eventId.startsWith('$') ? EVENT_ID : command.data.eventId,
          }
        : command.data;

    it.each(STRATEGIC_ALLIANCE_STORY.map((step, i) => [i, step.label, step] as const))(
      'step %i (%s) validates against its DTO',
      (_i, _label, step) => {
        const payload = payloadOf(step.command);
        expect(validateCommandData(step.command.type, payload)).toStrictEqual(payload);
      },
    );

    it('uses a good share of the command types', () => {
      expect(new Set(STRATEGIC_ALLIANCE_STORY.map((s) => s.command.type)).size).toBeGreaterThanOrEqual(15);
    });
  });
});
