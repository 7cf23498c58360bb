import { AT, DEFAULT_RULE, open, opened, refs, vote } from '../testing/vote.fixtures';

describe('vote decider', () => {
  describe('OpenVote', () => {
    it("opens a body's vote at a held meeting, by simple majority with the chair's casting vote unless told otherwise", () => {
      vote()
        .when(open, { at: AT, refs })
        .then([
          {
            type: 'VoteOpened',
            data: {
              voteEventId: 'v',
              proposalId: 'p',
              meetingId: 'held',
              question: 'Approve the outsourcing?',
              bodyId: 'pa',
              allianceId: undefined,
              rule: DEFAULT_RULE,
              votingBodyIds: ['pa'],
            },
          },
        ]);
    });

    it("opens a body's vote with its own quorum", () => {
      vote()
        .when(
          { ...open, data: { ...open.data, majority: { quorum: 3, chairHasCastingVote: false } } },
          { at: AT, refs },
        )
        .then([
          {
            type: 'VoteOpened',
            data: {
              voteEventId: 'v',
              proposalId: 'p',
              meetingId: 'held',
              question: 'Approve the outsourcing?',
              bodyId: 'pa',
              allianceId: undefined,
              rule: { kind: 'majority', quorum: 3, chairHasCastingVote: false },
              votingBodyIds: ['pa'],
            },
          },
        ]);
    });

    it("opens an alliance's vote under the alliance's rule, its members voting", () => {
      vote()
        .when(
          {
            ...open,
            data: {
              voteEventId: 'v',
              proposalId: 'p-alliance',
              meetingId: 'held',
              question: 'Proceed?',
              allianceId: 'bch',
            },
          },
          { at: AT, refs },
        )
        .then([
          {
            type: 'VoteOpened',
            data: {
              voteEventId: 'v',
              proposalId: 'p-alliance',
              meetingId: 'held',
              question: 'Proceed?',
              bodyId: undefined,
              allianceId: 'bch',
              rule: { kind: 'unanimity' },
              votingBodyIds: ['force-a', 'force-b'],
            },
          },
        ]);
    });

    it('lets an advisory body vote on what to recommend', () => {
      vote()
        .when({ ...open, data: { ...open.data, bodyId: 'jwg' } }, { at: AT, refs })
        .then([
          {
            type: 'VoteOpened',
            data: {
              voteEventId: 'v',
              proposalId: 'p',
              meetingId: 'held',
              question: 'Approve the outsourcing?',
              bodyId: 'jwg',
              allianceId: undefined,
              rule: DEFAULT_RULE,
              votingBodyIds: ['jwg'],
            },
          },
        ]);
    });

    it('refuses to open it twice (already-exists)', () => {
      vote(opened())
        .when(open, { at: AT, refs })
        .thenFails('already-exists', /Vote v is recorded/);
    });

    it('refuses a proposal that is not recorded (not-found)', () => {
      vote()
        .when({ ...open, data: { ...open.data, proposalId: 'ghost' } }, { at: AT, refs })
        .thenFails('not-found', /Proposal ghost/);
    });

    it('refuses a vote on a withdrawn proposal (proposal-closed)', () => {
      vote()
        .when({ ...open, data: { ...open.data, proposalId: 'p-withdrawn' } }, { at: AT, refs })
        .thenFails('proposal-closed', /was withdrawn/);
    });

    it.each([
      ['p-agreed', /is already agreed/],
      ['p-rejected', /is already rejected/],
    ])('refuses a vote on a proposal already decided: %s (proposal-decided)', (proposalId, message) => {
      vote()
        .when({ ...open, data: { ...open.data, proposalId } }, { at: AT, refs })
        .thenFails('proposal-decided', message);
    });

    it('refuses a meeting that was not held (meeting-not-held)', () => {
      vote()
        .when({ ...open, data: { ...open.data, meetingId: 'planned' } }, { at: AT, refs })
        .thenFails('meeting-not-held');
    });

    it('refuses a vote dated before its meeting was held (meeting-not-held)', () => {
      vote()
        .when(open, { at: '2012-06-30', refs })
        .thenFails('meeting-not-held', /by 2012-06-30/);
    });

    it.each([
      ['both a body and an alliance', { bodyId: 'pa', allianceId: 'bch' }],
      ['neither a body nor an alliance', { bodyId: undefined }],
    ])('refuses a vote taken by %s (invalid-value)', (_what, who) => {
      vote()
        .when({ ...open, data: { ...open.data, ...who } }, { at: AT, refs })
        .thenFails('invalid-value', /one body or by one alliance/);
    });

    it('refuses an alliance that is not recorded (not-found)', () => {
      vote()
        .when({ ...open, data: { ...open.data, bodyId: undefined, allianceId: 'ghost' } }, { at: AT, refs })
        .thenFails('not-found', /Alliance ghost/);
    });

    it('refuses a body with no powers (body-cannot-recommend)', () => {
      vote()
        .when({ ...open, data: { ...open.data, bodyId: 'g4s' } }, { at: AT, refs })
        .thenFails('body-cannot-recommend', /G4S cannot vote/);
    });

    it('refuses a vote by a body after it was abolished (body-abolished)', () => {
      vote()
        .when({ ...open, data: { ...open.data, bodyId: 'old' } }, { at: '2012-07-20', refs })
        .thenFails('body-abolished', /Old Authority was abolished on 2012-07-20/);
    });

    it('refuses a vote dated in the future (date-in-future)', () => {
      vote().when(open, { at: '2012-07-02', now: AT, refs }).thenFails('date-in-future');
    });
  });
});
