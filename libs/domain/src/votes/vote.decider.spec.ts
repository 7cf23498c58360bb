import { open } from '../testing/vote.fixtures';
import { voteDecider } from './vote.decider';

describe('vote decider', () => {
  it('only retries a cast vote on a conflict (re-deciding keeps the double-vote rule)', () => {
    expect(voteDecider.retryOnConflict(open)).toBe(false);
    expect(
      voteDecider.retryOnConflict({
        type: 'CastVote',
        data: { voteEventId: 'v', personId: 'ann', bodyId: 'pa', option: 'yes' },
      }),
    ).toBe(true);
    expect(voteDecider.retryOnConflict({ type: 'CloseVote', data: { voteEventId: 'v' } })).toBe(false);
  });

  it('names what a handler must load for each command', () => {
    expect(
      voteDecider.referencesOf({ ...open, data: { ...open.data, bodyId: undefined, allianceId: 'bch' } }),
    ).toEqual([
      { kind: 'proposal', id: 'p' },
      { kind: 'meeting', id: 'held' },
      { kind: 'alliance', id: 'bch' },
    ]);
    expect(
      voteDecider.referencesOf({
        type: 'CastVote',
        data: { voteEventId: 'v', personId: 'ann', bodyId: 'pa', option: 'yes' },
      }),
    ).toEqual([
      { kind: 'vote', id: 'v' },
      { kind: 'body', id: 'pa' },
      { kind: 'person', id: 'ann' },
    ]);
    expect(voteDecider.referencesOf({ type: 'CloseVote', data: { voteEventId: 'v' } })).toEqual([
      { kind: 'vote', id: 'v' },
    ]);
  });
});
