import { DECIDERS, decideCorrection, DomainRuleViolation, type Recorded } from '@ledger/domain';
import { VALID_CASES } from './testing/command-problems';
import { CommandValidationError, validateCommandData } from './validate-command';

/*
 * A correction's `changes` is a free-form object at the edge: whether a changed value may hold a
 * line break depends on the field of the event it corrects, which only the domain knows
 * (field-values.ts, holdsOneLine). Here, for every text of every valid command payload, the
 * domain's judgement of a correction that puts a line break into that field is the edge's
 * judgement of the command that first recorded it: refused where the command is refused one (a
 * name, a title, an id), taken where the command takes one (a reason, a statement, a place).
 */

/** The event each command records: the deciders' `recordedBy`, and the two a vote records itself. */
const EVENT_OF: Record<string, string> = { OpenVote: 'VoteOpened', CastVote: 'VoteCast' };
const KIND_OF: Record<string, keyof typeof DECIDERS> = { OpenVote: 'vote', CastVote: 'vote' };
for (const [kind, decider] of Object.entries(DECIDERS) as Array<
  [keyof typeof DECIDERS, { recordedBy?: object }]
>)
  for (const [event, command] of Object.entries(decider.recordedBy ?? {}) as Array<[string, string]>) {
    EVENT_OF[command] = event;
    KIND_OF[command] = kind;
  }

/** Every string of a payload, with its path as the edge names it and the field that holds it. */
function textsOf(value: unknown, path: string, top: string): Array<{ path: string; top: string }> {
  if (typeof value === 'string') return [{ path, top }];
  if (Array.isArray(value)) return value.flatMap((item, i) => textsOf(item, `${path}[${i}]`, top));
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) =>
      textsOf(item, path ? `${path}.${key}` : key, top || key),
    );
  return [];
}

/** The payload with the text at `path` given a line break. */
function withLineBreak(payload: Record<string, unknown>, path: string): Record<string, unknown> {
  const copy = structuredClone(payload);
  const steps = path.match(/[^.[\]]+/g) ?? [];
  let at: Record<string, unknown> = copy;
  for (const step of steps.slice(0, -1)) at = at[step] as Record<string, unknown>;
  const last = steps[steps.length - 1];
  at[last] = `${String(at[last])}\n${String(at[last])}`;
  return copy;
}

function edgeProblem(type: string, payload: unknown, path: string): string | undefined {
  try {
    validateCommandData(type, payload);
    return undefined;
  } catch (error) {
    if (!(error instanceof CommandValidationError)) throw error;
    // A list of ids or texts is refused at the list's name, naming the item in its message.
    return error.problems
      .find((p) => p.field === path || path.startsWith(`${p.field}[`))
      ?.messages.join('; ');
  }
}

/** The domain's refusal of a correction setting `top` to `value` on the event the payload recorded, if any. */
function domainRefusal(type: string, payload: Record<string, unknown>, top: string, value: unknown) {
  const recorded: Recorded = { id: 'e', type: EVENT_OF[type], data: payload, occurredAt: '2012-01-01' };
  const command = {
    type: 'CorrectEvent' as const,
    data: { eventId: 'e', reason: 'r', changes: { [top]: value } },
  };
  try {
    decideCorrection(command, [recorded], DECIDERS[KIND_OF[type]].fieldValues);
    return undefined;
  } catch (error) {
    if (!(error instanceof DomainRuleViolation)) throw error;
    return error;
  }
}

const CASES = VALID_CASES.filter(([type]) => type !== 'CorrectEvent' && type !== 'RetractEvent');

describe("a correction's line breaks are judged as the field's command judges them", () => {
  it('knows the event every command records', () => {
    expect(CASES.map(([type]) => type).filter((type) => !EVENT_OF[type])).toEqual([]);
  });

  const judged = { refused: 0, taken: 0 };
  it.each(CASES)('%s (payload %i): each text, with a line break', (type, _, payload) => {
    for (const { path, top } of textsOf(payload, '', '')) {
      // An id that names the record cannot be corrected at all, line break or not.
      const asIs = domainRefusal(type, payload, top, payload[top]);
      if (asIs) {
        expect(asIs.detail).toMatch(/identifies the record and cannot be corrected/);
        continue;
      }
      const changed = withLineBreak(payload, path);
      const edge = edgeProblem(type, changed, path);
      const domain = domainRefusal(type, payload, top, changed[top]);
      expect({ path, refused: domain !== undefined }).toEqual({ path, refused: edge !== undefined });
      if (edge?.includes('must be one line'))
        expect(domain?.detail).toContain(`${EVENT_OF[type]}.${path} must be one line`);
      judged[edge === undefined ? 'taken' : 'refused']++;
    }
  });

  it('judged both kinds of field', () => {
    expect(judged.refused).toBeGreaterThan(100);
    expect(judged.taken).toBeGreaterThan(20);
  });
});
