import { cast, closed, opened, refs, vote } from '../testing/vote.fixtures';

/*
 * A vote is taken at a meeting, so its ballots and its closing are dated the meeting's day, as
 * its opening is (not-meeting-day, by the helper every entry at a meeting is held to): the vote
 * `v` is opened at the meeting `held` of 2012-07-01; `overnight` began at 18:00 on 19 July 2012
 * and ended at 00:45 on the 20th. A gap this pins, now closed: a ballot dated years after its
 * meeting was recorded.
 */
const castBy = (personId: string) => ({
  type: 'CastVote' as const,
  data: { voteEventId: 'v', personId, bodyId: 'pa', option: 'yes' as const },
});
const close = { type: 'CloseVote' as const, data: { voteEventId: 'v' } };
const overnightVote = opened({ meetingId: 'overnight' }, '2012-07-19T18:30:00Z');

describe('a ballot is cast on the day of the meeting its vote is taken at', () => {
  it.each([
    ['the day after', '2012-07-02'],
    ['years after', '2026-01-01'],
    ['just after midnight, an hour ahead of UTC', '2012-07-02T00:10:00+01:00'],
  ])('refuses one dated %s (not-meeting-day)', (_, at) => {
    vote(opened())
      .when(castBy('ann'), { at, refs })
      .thenFails('not-meeting-day', /dated .*, but meeting held \(The meeting\) was held on 2012-07-01/);
  });

  it('takes one late in the evening of the day as the clerk wrote it (the 2nd in UTC)', () => {
    vote(opened())
      .when(castBy('ann'), { at: '2012-07-01T23:30:00-02:00', refs })
      .then([{ type: 'VoteCast', data: expect.objectContaining({ personId: 'ann', postId: 'chair' }) }]);
  });

  it('takes one past midnight at a meeting that ran past it, and refuses the day after that', () => {
    vote(overnightVote)
      .when(castBy('ann'), { at: '2012-07-20T00:30:00Z', refs })
      .then([{ type: 'VoteCast', data: expect.objectContaining({ personId: 'ann' }) }]);
    vote(overnightVote)
      .when(castBy('ann'), { at: '2012-07-21', refs })
      .thenFails('not-meeting-day', /was held on 2012-07-19T18:00:00.000Z/);
  });

  it('names the vote being closed or not yet open before the day, and the day before the ballot’s own rules', () => {
    vote(opened(), closed).when(castBy('ann'), { at: '2012-07-02', refs }).thenFails('vote-closed');
    vote(opened({}, '2012-07-01T12:00:00Z'))
      .when(castBy('ann'), { at: '2012-07-01T09:00:00Z', refs })
      .thenFails('vote-not-open');
    // A second ballot by bob, on the wrong day: the day is what the clerk got wrong first.
    vote(opened(), cast('bob', 'no'))
      .when(castBy('bob'), { at: '2012-07-02', refs })
      .thenFails('not-meeting-day');
  });
});

describe('a vote is closed on the day of the meeting it is taken at', () => {
  it('refuses a closing dated after the meeting’s day (not-meeting-day)', () => {
    vote(opened(), cast('ann', 'yes', 'pa', 'chair'))
      .when(close, { at: '2024-02-29', refs })
      .thenFails('not-meeting-day', /dated 2024-02-29, but meeting held/);
  });

  it('takes a closing past midnight at a meeting that ran past it', () => {
    vote(overnightVote, { ...cast('ann', 'yes', 'pa', 'chair'), occurredAt: '2012-07-19T19:00:00Z' })
      .when(close, { at: '2012-07-20T00:40:00Z', refs })
      .then([{ type: 'VoteClosed', data: expect.objectContaining({ result: 'passed' }) }]);
  });

  it('names a vote closed already before the day', () => {
    vote(opened(), closed).when(close, { at: '2012-07-02', refs }).thenFails('vote-closed');
  });
});
