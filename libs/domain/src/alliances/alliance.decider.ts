import { activeBody, standingBodyOn } from '../bodies/body.rules';
import type { Decider, DomainCommand, DomainEvent, Recorded, References } from '../shared/decider';
import { assertNever } from '../shared/decider';
import { DATE, listOf, TEXT, UNCERTAIN_DATE } from '../shared/field-values';
import { ensure } from '../shared/rules';
import { ensureEndsAfterStart, within } from '../shared/time';
import { DECISION_RULE_VALUE, type DecisionRule } from './decision-rule';

/** A named set of member bodies with a decision rule; membership can change over time. */
export type AllianceEvent =
  | DomainEvent<
      'AllianceFormed',
      {
        allianceId: string;
        name: string;
        decisionRule: DecisionRule;
        /**
         * When it was formed, as precisely as the source gives it (a year, a month, a day or a
         * date-time, as `occurredAt`): its founding members' start in it.
         */
        foundingDate: string;
        /** The founding date is a guess ("2012" for an alliance the reports name in 2012). */
        foundingDateApproximate?: boolean;
        memberIds: string[];
      }
    >
  | DomainEvent<
      'AllianceMemberJoined',
      { allianceId: string; bodyId: string; startDate: string; reason: string }
    >
  | DomainEvent<
      'AllianceMemberLeft',
      { allianceId: string; bodyId: string; endDate: string; reason: string }
    >;

export type AllianceCommand =
  | DomainCommand<'FormAlliance', Extract<AllianceEvent, { type: 'AllianceFormed' }>['data']>
  | DomainCommand<'AddAllianceMember', Extract<AllianceEvent, { type: 'AllianceMemberJoined' }>['data']>
  | DomainCommand<'RemoveAllianceMember', Extract<AllianceEvent, { type: 'AllianceMemberLeft' }>['data']>;

export interface AllianceState {
  exists: boolean;
  allianceId: string;
  name: string;
  decisionRule: DecisionRule;
  /** As given when it was formed (absent in a state folded before it was kept). */
  foundingDate?: string;
  foundingDateApproximate?: boolean;
  members: Array<{ bodyId: string; startDate: string; endDate?: string }>;
}

declare module '../shared/decider' {
  interface AggregateStates {
    alliance: AllianceState;
  }
}

function evolve(state: AllianceState, event: Recorded<AllianceEvent>): AllianceState {
  switch (event.type) {
    case 'AllianceFormed': {
      const { allianceId, name, decisionRule, foundingDate, foundingDateApproximate, memberIds } = event.data;
      return {
        exists: true,
        allianceId,
        name,
        decisionRule,
        foundingDate,
        ...(foundingDateApproximate !== undefined ? { foundingDateApproximate } : {}),
        members: memberIds.map((bodyId) => ({ bodyId, startDate: foundingDate })),
      };
    }
    case 'AllianceMemberJoined':
      return {
        ...state,
        members: [...state.members, { bodyId: event.data.bodyId, startDate: event.data.startDate }],
      };
    case 'AllianceMemberLeft':
      return {
        ...state,
        members: state.members.map((m) =>
          m.bodyId === event.data.bodyId && m.endDate === undefined
            ? { ...m, endDate: event.data.endDate }
            : m,
        ),
      };
    default:
      return assertNever(event, 'alliance event');
  }
}

/**
 * The bodies that stand as members on `date`: members then, with any abolished member replaced by
 * its successor (a PCC where its police authority stood).
 */
export function membersOn(alliance: AllianceState, refs: References, date: string): string[] {
  const ids = alliance.members
    .filter((m) => within(date, m.startDate, m.endDate))
    .map((m) => standingBodyOn(refs, m.bodyId, date));
  return [...new Set(ids)];
}

function decide(
  command: AllianceCommand,
  state: AllianceState,
  { refs }: { refs: References },
): AllianceEvent[] {
  switch (command.type) {
    case 'FormAlliance':
      ensure(!state.exists, 'already-exists', `Alliance ${command.data.allianceId} exists`);
      ensure(command.data.memberIds.length > 0, 'invalid-value', 'An alliance needs members');
      for (const id of command.data.memberIds)
        activeBody(refs, id, command.data.foundingDate, { stated: true });
      return [{ type: 'AllianceFormed', data: command.data }];
    case 'AddAllianceMember':
      ensure(state.exists, 'not-found', `Alliance ${command.data.allianceId} is not recorded`);
      activeBody(refs, command.data.bodyId, command.data.startDate, { stated: true });
      ensure(
        !membersOn(state, refs, command.data.startDate).includes(command.data.bodyId),
        'already-exists',
        `${command.data.bodyId} is already a member`,
      );
      return [{ type: 'AllianceMemberJoined', data: command.data }];
    case 'RemoveAllianceMember': {
      ensure(state.exists, 'not-found', `Alliance ${command.data.allianceId} is not recorded`);
      const member = state.members.find((m) => m.bodyId === command.data.bodyId && m.endDate === undefined);
      ensure(member, 'not-alliance-member', `${command.data.bodyId} is not a member of ${state.name}`);
      // A founding member's start is read from the alliance's founding date: the refusal names
      // that field. A body that joined on the founding date started with it, the same day.
      const founder = member.startDate === state.foundingDate;
      ensureEndsAfterStart(
        `${command.data.bodyId}'s membership of ${state.name}`,
        { field: founder ? 'foundingDate' : 'startDate', date: member.startDate },
        { field: 'endDate', date: command.data.endDate },
      );
      return [{ type: 'AllianceMemberLeft', data: command.data }];
    }
    default:
      return assertNever(command, 'alliance command');
  }
}

export const allianceDecider: Decider<AllianceState, AllianceCommand, AllianceEvent> = {
  category: 'alliance',
  // What fields may hold beyond their kind, so a correction leaves a valid entry.
  fieldValues: {
    AllianceFormed: {
      decisionRule: DECISION_RULE_VALUE,
      foundingDate: UNCERTAIN_DATE,
      memberIds: listOf(TEXT),
    },
    AllianceMemberJoined: { startDate: DATE },
    AllianceMemberLeft: { endDate: DATE },
  },
  recordedBy: {
    AllianceFormed: 'FormAlliance',
    AllianceMemberJoined: 'AddAllianceMember',
    AllianceMemberLeft: 'RemoveAllianceMember',
  },
  initialState: () => ({
    exists: false,
    allianceId: '',
    name: '',
    decisionRule: { kind: 'unanimity' },
    members: [],
  }),
  decide,
  evolve,
  streamIdOf: (command) => command.data.allianceId,
  referencesOf: (command) =>
    command.type === 'FormAlliance'
      ? command.data.memberIds.map((id) => ({ kind: 'body' as const, id }))
      : [{ kind: 'body' as const, id: command.data.bodyId }],
  retryOnConflict: (command) => command.type !== 'FormAlliance',
};
