import type { Decider, DomainCommand, DomainEvent, Recorded, References } from '../shared/decider';
import { assertNever } from '../shared/decider';
import { ensure } from '../shared/rules';

/** A person (Popolo Person): an office holder who votes and decides. */
export type PersonEvent = DomainEvent<
  'PersonRegistered',
  { personId: string; name: string; honorificPrefix?: string; givenName?: string; familyName?: string }
>;

export type PersonCommand = DomainCommand<'RegisterPerson', PersonEvent['data']>;

export interface PersonState {
  exists: boolean;
  personId: string;
  name: string;
  honorificPrefix?: string;
}

declare module '../shared/decider' {
  interface AggregateStates {
    person: PersonState;
  }
}

function evolve(state: PersonState, event: Recorded<PersonEvent>): PersonState {
  switch (event.type) {
    case 'PersonRegistered':
      return {
        exists: true,
        personId: event.data.personId,
        name: event.data.name,
        honorificPrefix: event.data.honorificPrefix,
      };
    default:
      return assertNever(event.type, 'person event');
  }
}

export const personDecider: Decider<PersonState, PersonCommand, PersonEvent> = {
  category: 'person',
  recordedBy: { PersonRegistered: 'RegisterPerson' },
  initialState: () => ({ exists: false, personId: '', name: '' }),
  decide(command, state) {
    switch (command.type) {
      case 'RegisterPerson':
        ensure(!state.exists, 'already-exists', `Person ${command.data.personId} is already registered`);
        return [{ type: 'PersonRegistered', data: command.data }];
      default:
        return assertNever(command.type, 'person command');
    }
  },
  evolve,
  streamIdOf: (command) => command.data.personId,
  referencesOf: () => [],
  retryOnConflict: () => false,
};

/**
 * The `not-found` rule for a person an entry names (who decides, votes, is appointed, answers):
 * one not recorded is named as such, before any rule about the posts they hold.
 */
export function registeredPerson(refs: References, personId: string): PersonState {
  const person = refs.get('person', personId);
  ensure(person?.exists, 'not-found', `Person ${personId} is not registered`, { personId });
  return person;
}

/** "Sir Graham Bright": the name as the public record gives it. */
export function displayName(person: Pick<PersonState, 'name' | 'honorificPrefix'>): string {
  return person.honorificPrefix ? `${person.honorificPrefix} ${person.name}` : person.name;
}
