import { registeredPerson } from '../people/person.decider';
import type { Decider, DecideContext, DomainCommand, Reference } from '../shared/decider';
import { assertNever } from '../shared/decider';
import { ensure } from '../shared/rules';
import { ensureEndsAfterStart } from '../shared/time';
import { BODY_FIELD_VALUES, type BodyEvent, type Quorum } from './body.events';
import { activeBody } from './body.rules';
import { bodyNamedElsewhere } from './body.dependents';
import { validReferenceFormat } from './reference-format';
import { evolveBody, initialBodyState, type BodyState } from './body.state';

declare module '../shared/decider' {
  interface AggregateStates {
    body: BodyState;
  }
}

export type BodyCommand =
  | DomainCommand<'RegisterBody', Extract<BodyEvent, { type: 'BodyRegistered' }>['data']>
  | DomainCommand<'CreatePost', Extract<BodyEvent, { type: 'PostCreated' }>['data']>
  | DomainCommand<'AppointOfficeHolder', Extract<BodyEvent, { type: 'OfficeHolderAppointed' }>['data']>
  | DomainCommand<'RecordOfficeHolderLeft', Extract<BodyEvent, { type: 'OfficeHolderLeft' }>['data']>
  | DomainCommand<'SetQuorum', Extract<BodyEvent, { type: 'QuorumSet' }>['data']>
  | DomainCommand<
      'SetDecisionReferenceFormat',
      Extract<BodyEvent, { type: 'DecisionReferenceFormatSet' }>['data']
    >
  | DomainCommand<'AbolishBody', Extract<BodyEvent, { type: 'BodyAbolished' }>['data']>;

/** A quorum is a fraction of the members (at most all of them), a number of members, or both. */
function validQuorum({ fraction, minimum }: Quorum): void {
  ensure(
    fraction !== undefined || minimum !== undefined,
    'invalid-value',
    'A quorum is a fraction of the members, a number of members, or both: neither was given',
  );
  if (fraction)
    ensure(
      Number.isInteger(fraction.numerator) &&
        Number.isInteger(fraction.denominator) &&
        fraction.numerator >= 1 &&
        fraction.denominator >= fraction.numerator,
      'invalid-value',
      `A quorum of ${fraction.numerator}/${fraction.denominator} of the members is not a fraction between 0 and 1`,
    );
  if (minimum !== undefined)
    ensure(
      Number.isInteger(minimum) && minimum >= 1,
      'invalid-value',
      `A quorum of ${minimum} members is not a whole number of at least 1`,
    );
}

function decide(command: BodyCommand, state: BodyState, { occurredAt, refs }: DecideContext): BodyEvent[] {
  if (command.type === 'RegisterBody') {
    ensure(!state.exists, 'already-exists', `Body ${command.data.bodyId} is already registered`);
    if (command.data.decisionReferenceFormat) validReferenceFormat(command.data.decisionReferenceFormat);
    ensure(
      command.data.foundingDate !== undefined || command.data.foundingDateApproximate === undefined,
      'invalid-value',
      'foundingDateApproximate marks a founding date as a guess: give the foundingDate, or leave both out when no source states it',
    );
    if (command.data.parentId)
      ensure(
        refs.get('body', command.data.parentId)?.exists,
        'not-found',
        `Parent body ${command.data.parentId} is not registered`,
      );
    return [{ type: 'BodyRegistered', data: command.data }];
  }
  ensure(state.exists, 'not-found', `Body ${command.data.bodyId} is not registered`);
  switch (command.type) {
    case 'CreatePost':
      activeBody(refs, state.bodyId, occurredAt);
      ensure(
        !state.posts[command.data.postId],
        'already-exists',
        `Post ${command.data.postId} already exists on ${state.name}`,
      );
      return [{ type: 'PostCreated', data: command.data }];
    case 'AppointOfficeHolder': {
      const { postId, personId, startDate, endDate, membershipId } = command.data;
      ensure(state.posts[postId], 'not-found', `${state.name} has no post ${postId}`);
      ensureEndsAfterStart(
        `${personId}'s term ${membershipId} on ${state.name}`,
        { field: 'startDate', date: startDate },
        { field: 'endDate', date: endDate },
      );
      registeredPerson(refs, personId);
      activeBody(refs, state.bodyId, startDate, { stated: true });
      ensure(
        !state.memberships.some((m) => m.membershipId === membershipId),
        'already-exists',
        `Membership ${membershipId} exists`,
      );
      return [{ type: 'OfficeHolderAppointed', data: command.data }];
    }
    case 'RecordOfficeHolderLeft': {
      const membership = state.memberships.find((m) => m.membershipId === command.data.membershipId);
      ensure(membership, 'not-found', `${state.name} has no membership ${command.data.membershipId}`);
      ensureEndsAfterStart(
        `${membership.personId}'s term ${membership.membershipId} on ${state.name}`,
        { field: 'startDate', date: membership.startDate },
        { field: 'endDate', date: command.data.endDate },
      );
      ensure(!membership.endDate, 'invalid-value', `That term already ended on ${membership.endDate}`);
      return [{ type: 'OfficeHolderLeft', data: command.data }];
    }
    case 'SetQuorum':
      activeBody(refs, state.bodyId, occurredAt);
      validQuorum(command.data);
      return [{ type: 'QuorumSet', data: command.data }];
    case 'SetDecisionReferenceFormat':
      activeBody(refs, state.bodyId, occurredAt);
      validReferenceFormat(command.data.format);
      ensure(
        command.data.format !== state.decisionReferenceFormat,
        'invalid-value',
        `${state.name} already numbers its decision records as ${command.data.format}`,
      );
      return [{ type: 'DecisionReferenceFormatSet', data: command.data }];
    case 'AbolishBody': {
      ensure(
        !state.dissolutionDate,
        'body-abolished',
        `${state.name} was already abolished on ${state.dissolutionDate}`,
      );
      activeBody(refs, state.bodyId, command.data.dissolutionDate, { stated: true });
      const { successorId } = command.data;
      if (successorId) {
        ensure(successorId !== state.bodyId, 'invalid-value', 'A body cannot succeed itself');
        ensure(
          refs.get('body', successorId)?.exists,
          'not-found',
          `Successor ${successorId} is not registered`,
        );
      }
      return [{ type: 'BodyAbolished', data: command.data }];
    }
    default:
      return assertNever(command, 'body command');
  }
}

export const bodyDecider: Decider<BodyState, BodyCommand, BodyEvent> = {
  category: 'body',
  fieldValues: BODY_FIELD_VALUES,
  recordedBy: {
    BodyRegistered: 'RegisterBody',
    PostCreated: 'CreatePost',
    OfficeHolderAppointed: 'AppointOfficeHolder',
    OfficeHolderLeft: 'RecordOfficeHolderLeft',
    QuorumSet: 'SetQuorum',
    DecisionReferenceFormatSet: 'SetDecisionReferenceFormat',
    BodyAbolished: 'AbolishBody',
  },
  // What other records did in its posts rests on them (body.dependents.ts).
  namedElsewhere: bodyNamedElsewhere,
  initialState: initialBodyState,
  decide,
  evolve: evolveBody,
  streamIdOf: (command) => command.data.bodyId,
  referencesOf(command): Reference[] {
    switch (command.type) {
      case 'RegisterBody':
        return [
          { kind: 'body', id: command.data.bodyId },
          ...(command.data.parentId ? [{ kind: 'body' as const, id: command.data.parentId }] : []),
        ];
      case 'AppointOfficeHolder':
        return [
          { kind: 'body', id: command.data.bodyId },
          { kind: 'person', id: command.data.personId },
        ];
      case 'AbolishBody':
        return [
          { kind: 'body', id: command.data.bodyId },
          ...(command.data.successorId ? [{ kind: 'body' as const, id: command.data.successorId }] : []),
        ];
      default:
        return [{ kind: 'body', id: command.data.bodyId }];
    }
  },
  retryOnConflict: (command) => command.type !== 'RegisterBody',
};
