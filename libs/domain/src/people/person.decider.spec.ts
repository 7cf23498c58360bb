import { spec } from '../testing/given-when-then';
import { displayName, personDecider } from './person.decider';

const grahamBright = {
  personId: 'graham-bright',
  name: 'Graham Bright',
  honorificPrefix: 'Sir',
  givenName: 'Graham',
  familyName: 'Bright',
};

describe('person decider', () => {
  describe('RegisterPerson', () => {
    it('registers a person with every name part given', () => {
      spec(personDecider)
        .given([])
        .when({ type: 'RegisterPerson', data: grahamBright })
        .then([{ type: 'PersonRegistered', data: grahamBright }]);
    });

    it('registers a person known only by name', () => {
      spec(personDecider)
        .given([])
        .when({ type: 'RegisterPerson', data: { personId: 'david-lloyd', name: 'David Lloyd' } })
        .then([{ type: 'PersonRegistered', data: { personId: 'david-lloyd', name: 'David Lloyd' } }]);
    });

    it('refuses to register the same person twice (already-exists)', () => {
      spec(personDecider)
        .given([{ type: 'PersonRegistered', data: grahamBright }])
        .when({ type: 'RegisterPerson', data: { personId: 'graham-bright', name: 'Someone else' } })
        .thenFails('already-exists', /graham-bright is already registered/);
    });

    it('refuses a registration dated in the future (date-in-future)', () => {
      spec(personDecider)
        .given([])
        .when({ type: 'RegisterPerson', data: grahamBright }, { at: '2030-01-01', now: '2026-01-01' })
        .thenFails('date-in-future');
    });
  });

  it('folds the registration into the state other aggregates read', () => {
    expect(
      spec(personDecider)
        .given([{ type: 'PersonRegistered', data: grahamBright }])
        .state(),
    ).toEqual({
      exists: true,
      personId: 'graham-bright',
      name: 'Graham Bright',
      honorificPrefix: 'Sir',
    });
  });

  it('gives the name as the public record does: with the honorific when there is one', () => {
    expect(displayName({ name: 'Graham Bright', honorificPrefix: 'Sir' })).toBe('Sir Graham Bright');
    expect(displayName({ name: 'Olly Martins' })).toBe('Olly Martins');
  });

  it('streams by person id, needs no other aggregate and is never retried', () => {
    const command = { type: 'RegisterPerson' as const, data: grahamBright };
    expect(personDecider.streamIdOf(command)).toBe('graham-bright');
    expect(personDecider.referencesOf(command)).toEqual([]);
    expect(personDecider.retryOnConflict(command)).toBe(false);
  });
});
