import { DECIDERS, type AggregateKind } from '../deciders';
import { namingEntries } from '../named-records';
import { decideWithAlongside, fold } from '../shared/aggregate';
import { effectiveEvents, type CorrectionCommand, type CorrectionEvent } from '../shared/corrections';
import type {
  AggregateStates,
  AlongsideWrite,
  Decider,
  DomainCommand,
  DomainEvent,
  NamingRecord,
  Recorded,
  References,
} from '../shared/decider';
import { DomainRuleViolation, type DomainRule } from '../shared/rules';

type Given<E> = Array<(E | CorrectionEvent) & { occurredAt?: string; id?: string }>;

/** Other aggregates' states, for decisions that look across streams. */
export function refsOf(states: {
  [K in keyof AggregateStates]?: Record<string, AggregateStates[K]>;
}): References {
  return { get: (kind, id) => (states[kind] as Record<string, never> | undefined)?.[id] };
}

/**
 * Decider specs in the given/when/then form:
 *   spec(decider).given([...events]).when(command, { at, refs }).then([...events])
 *   … .thenFails('advisory-body-cannot-decide')
 */
export function spec<S, C extends DomainCommand, E extends DomainEvent>(decider: Decider<S, C, E>) {
  return {
    given(events: Given<E> = []) {
      const recorded = events.map((e, i) => ({
        ...e,
        id: e.id ?? `given-${i}`,
        occurredAt: e.occurredAt ?? '2012-01-01T00:00:00.000Z',
      })) as Recorded[];
      return {
        when(
          command: C | CorrectionCommand,
          options: { at?: string; now?: string; refs?: References; namers?: readonly NamingRecord[] } = {},
        ) {
          const at = options.at ?? '2012-08-01T00:00:00.000Z';
          const decided = () =>
            decideWithAlongside(
              decider,
              fold(decider, recorded),
              command,
              {
                occurredAt: at,
                now: options.now ?? '2026-01-01T00:00:00.000Z',
                refs: options.refs ?? refsOf({}),
                ...(options.namers ? { namers: options.namers } : {}),
              },
              `${decider.category}-spec`,
            );
          const run = () => decided().events;
          return {
            then(expected: Array<E | CorrectionEvent>) {
              expect(run()).toEqual(expected);
            },
            /** What it writes in other streams in the same append (registers). */
            thenAlongside(expected: AlongsideWrite[]) {
              expect(decided().alongside).toEqual(expected);
            },
            thenFails(rule: DomainRule, message?: RegExp) {
              let error: unknown;
              try {
                decided();
              } catch (e) {
                error = e;
              }
              expect(error).toBeInstanceOf(DomainRuleViolation);
              expect((error as DomainRuleViolation).rule).toBe(rule);
              if (message) expect((error as Error).message).toMatch(message);
            },
          };
        },
        /** The state folded from the given events. */
        state(): S {
          return fold(decider, recorded).state;
        },
      };
    },
  };
}

/**
 * A record that names the one of stream `named`, as a retraction in it reads it (`namers` above):
 * its kind, id and events (ids `<kind>-<id>-0`, … unless given; dated DEFAULT_AT unless given).
 */
export function namingRecord(
  kind: AggregateKind,
  id: string,
  events: Given<DomainEvent>,
  named: string,
): NamingRecord {
  const stream = `${kind}-${id}`;
  const recorded = events.map((e, i) => ({
    ...e,
    id: e.id ?? `${stream}-${i}`,
    occurredAt: e.occurredAt ?? '2012-01-01T00:00:00.000Z',
  })) as Recorded[];
  const { state } = fold(DECIDERS[kind] as unknown as Decider<unknown, DomainCommand, DomainEvent>, recorded);
  const entries = effectiveEvents(recorded);
  return {
    kind,
    id,
    stream,
    state,
    entries,
    naming: namingEntries(kind, state, entries, named),
  } as NamingRecord;
}
