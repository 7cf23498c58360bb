import { cast, closed, opened, refs, vote } from '../testing/vote.fixtures';

describe('vote decider', () => {
  describe('CloseVote', () => {
    const close = (castingVote?: { personId: string; option: 'yes' | 'no' }) => ({
      type: 'CloseVote' as const,
      data: { voteEventId: 'v', ...(castingVote ? { castingVote } : {}) },
    });

    it('closes a majority vote with its counts and result', () => {
      vote(opened(), cast('ann', 'yes', 'pa', 'chair'), cast('bob', 'yes'), cast('cat', 'no'))
        .when(close(), { refs })
        .then([
          {
            type: 'VoteClosed',
            data: {
              voteEventId: 'v',
              counts: { yes: 2, no: 1, abstain: 0, absent: 0, recused: 0 },
              result: 'passed',
              unanimous: false,
            },
          },
        ]);
    });

    it("records the chair's casting vote when it decided a tie", () => {
      vote(opened(), cast('ann', 'yes', 'pa', 'chair'), cast('bob', 'no'))
        .when(close({ personId: 'ann', option: 'no' }), { refs })
        .then([
          {
            type: 'VoteClosed',
            data: {
              voteEventId: 'v',
              counts: { yes: 1, no: 1, abstain: 0, absent: 0, recused: 0 },
              result: 'failed',
              unanimous: false,
              castingVote: { personId: 'ann', option: 'no' },
            },
          },
        ]);
    });

    it('is tied on a tie without a casting vote', () => {
      vote(opened(), cast('ann', 'yes', 'pa', 'chair'), cast('bob', 'no'))
        .when(close(), { refs })
        .then([
          {
            type: 'VoteClosed',
            data: {
              voteEventId: 'v',
              counts: { yes: 1, no: 1, abstain: 0, absent: 0, recused: 0 },
              result: 'tied',
              unanimous: false,
            },
          },
        ]);
    });

    it('leaves out a casting vote that was not needed', () => {
      vote(opened(), cast('ann', 'yes', 'pa', 'chair'), cast('bob', 'yes'))
        .when(close({ personId: 'ann', option: 'no' }), { refs })
        .then([
          {
            type: 'VoteClosed',
            data: {
              voteEventId: 'v',
              counts: { yes: 2, no: 0, abstain: 0, absent: 0, recused: 0 },
              result: 'passed',
              unanimous: true,
            },
          },
        ]);
    });

    it('is inquorate when fewer than the quorum took part', () => {
      vote(
        opened({ rule: { kind: 'majority', quorum: 3, chairHasCastingVote: true } }),
        cast('ann', 'yes', 'pa', 'chair'),
        cast('bob', 'yes'),
      )
        .when(close(), { refs })
        .then([
          {
            type: 'VoteClosed',
            data: {
              voteEventId: 'v',
              counts: { yes: 2, no: 0, abstain: 0, absent: 0, recused: 0 },
              result: 'inquorate',
              unanimous: false,
            },
          },
        ]);
    });

    describe('under unanimity, for an alliance', () => {
      const allianceVote = opened({
        proposalId: 'p-alliance',
        bodyId: undefined,
        allianceId: 'bch',
        rule: { kind: 'unanimity' },
        votingBodyIds: ['force-a', 'force-b'],
      });

      it('passes when every member votes yes', () => {
        vote(
          allianceVote,
          cast('olly', 'yes', 'force-a', 'commissioner'),
          cast('david', 'yes', 'force-b', 'commissioner'),
        )
          .when(close(), { refs })
          .then([
            {
              type: 'VoteClosed',
              data: {
                voteEventId: 'v',
                counts: { yes: 2, no: 0, abstain: 0, absent: 0, recused: 0 },
                result: 'passed',
                unanimous: true,
              },
            },
          ]);
      });

      it('counts a member that did not vote as absent, and fails', () => {
        vote(allianceVote, cast('olly', 'yes', 'force-a', 'commissioner'))
          .when(close(), { refs })
          .then([
            {
              type: 'VoteClosed',
              data: {
                voteEventId: 'v',
                counts: { yes: 1, no: 0, abstain: 0, absent: 1, recused: 0 },
                result: 'failed',
                unanimous: true,
              },
            },
          ]);
      });

      it("fails on one member's 'no'", () => {
        vote(
          allianceVote,
          cast('olly', 'yes', 'force-a', 'commissioner'),
          cast('david', 'no', 'force-b', 'commissioner'),
        )
          .when(close(), { refs })
          .then([
            {
              type: 'VoteClosed',
              data: {
                voteEventId: 'v',
                counts: { yes: 1, no: 1, abstain: 0, absent: 0, recused: 0 },
                result: 'failed',
                unanimous: false,
              },
            },
          ]);
      });

      // A bug this pins, now fixed: under unanimity CloseVote passed `eligible` = the number of voting
      // *bodies*, while votes are counted per *person*; voteResult passes when yes === eligible. So
      // when a member body had several office holders voting, two 'yes' from one body outweighed
      // another body's 'no'.
      it("fails on a 'no' even when a member body has several office holders voting", () => {
        const mixedVote = opened({
          proposalId: 'p-mixed',
          bodyId: undefined,
          allianceId: 'mixed',
          rule: { kind: 'unanimity' },
          votingBodyIds: ['pa', 'force-a'],
        });
        vote(
          mixedVote,
          cast('ann', 'yes', 'pa', 'chair'),
          cast('bob', 'yes'),
          cast('olly', 'no', 'force-a', 'commissioner'),
        )
          .when(close(), { refs })
          .then([
            {
              type: 'VoteClosed',
              data: {
                voteEventId: 'v',
                counts: { yes: 2, no: 1, abstain: 0, absent: 0, recused: 0 },
                result: 'failed',
                unanimous: false,
              },
            },
          ]);
      });
    });

    it('refuses a vote that is not recorded (not-found)', () => {
      vote().when(close(), { refs }).thenFails('not-found');
    });

    it('refuses to close it twice (vote-closed)', () => {
      vote(opened(), closed)
        .when(close(), { refs })
        .thenFails('vote-closed', /Vote v was closed/);
    });

    // A gap this pins, now closed: the casting vote was recorded under any personId; nothing checked
    // that it was the chair, or anyone holding a post on a voting body that day.
    it('refuses a casting vote from someone who holds no post on a voting body (not-meeting-chair)', () => {
      vote(opened(), cast('ann', 'yes', 'pa', 'chair'), cast('bob', 'no'))
        .when(close({ personId: 'olly', option: 'yes' }), { refs })
        .thenFails('not-meeting-chair');
    });

    it('refuses a casting vote from a member who did not chair the meeting, by its own rule (not-meeting-chair)', () => {
      vote(opened(), cast('ann', 'yes', 'pa', 'chair'), cast('bob', 'no'))
        .when(close({ personId: 'bob', option: 'yes' }), { refs })
        .thenFails('not-meeting-chair', /bob did not chair the meeting held/);
    });
  });
});
