import { proposalDecider } from '../proposals/proposal.decider';
import { fold } from './aggregate';
import type { Recorded } from './decider';
import { CURRENT_SCHEMA_VERSIONS, currentSchemaVersion, upcast } from './upcasting';

/** A ProposalTabled event as version 1 wrote it: the services in scope as one comma-separated string. */
const v1 = {
  proposalId: 'g4s-back-office',
  title: 'Outsourcing of organisational support services to G4S',
  description: 'A full business case.',
  scope: 'HR, finance , ICT,,procurement, ',
  tabledBy: 'jwg',
  allianceId: 'bch-alliance',
};

describe('upcasting', () => {
  it('knows ProposalTabled is at version 2 and any unlisted type at version 1', () => {
    expect(CURRENT_SCHEMA_VERSIONS.ProposalTabled).toBe(2);
    expect(currentSchemaVersion('ProposalTabled')).toBe(2);
    expect(currentSchemaVersion('DecisionRecorded')).toBe(1);
  });

  it('upcasts a v1 ProposalTabled scope string to the v2 list, trimmed, without empty entries', () => {
    expect(upcast('ProposalTabled', 1, v1)).toEqual({
      ...v1,
      scope: ['HR', 'finance', 'ICT', 'procurement'],
    });
  });

  it('upcasts a v1 ProposalTabled without a scope to an empty list', () => {
    const { scope: _s, ...noScope } = v1;
    expect(upcast('ProposalTabled', 1, noScope)).toEqual({ ...noScope, scope: [] });
  });

  it('leaves the stored data as it was: events are never rewritten', () => {
    const stored = { ...v1 };
    upcast('ProposalTabled', 1, stored);
    expect(stored).toEqual(v1);
  });

  it('passes current data through unchanged', () => {
    const v2 = { ...v1, scope: ['HR'] };
    expect(upcast('ProposalTabled', 2, v2)).toBe(v2);
    const decision = { proposalId: 'p', decisionId: 'd' };
    expect(upcast('DecisionRecorded', 1, decision)).toBe(decision);
  });

  it('gives the decider the current shape when a v1 event is read', () => {
    const read = [
      {
        type: 'ProposalTabled',
        data: upcast('ProposalTabled', 1, v1),
        id: 'e1',
        occurredAt: '2012-03-01T00:00:00.000Z',
      },
    ] as Recorded[];
    expect(fold(proposalDecider, read).state.terms.scope).toEqual(['HR', 'finance', 'ICT', 'procurement']);
  });

  it('refuses a version newer than this ledger knows', () => {
    expect(() => upcast('ProposalTabled', 3, v1)).toThrow(
      'ProposalTabled version 3 is newer than this ledger knows (2)',
    );
    expect(() => upcast('DecisionRecorded', 2, {})).toThrow(
      /DecisionRecorded version 2 is newer than this ledger knows \(1\)/,
    );
  });

  it('refuses a version it has no upcaster from', () => {
    expect(() => upcast('ProposalTabled', 0, v1)).toThrow(
      'No upcaster for ProposalTabled from version 0 to 1',
    );
  });
});
