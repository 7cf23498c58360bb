import fc from 'fast-check';
import {
  countVotes,
  membersResult,
  voteResult,
  VOTE_OPTIONS,
  type DecisionRule,
  type MemberPosition,
  type VoteCounts,
} from './decision-rule';

const UNANIMITY: DecisionRule = { kind: 'unanimity' };
const MAJORITY: DecisionRule = { kind: 'majority', quorum: 3, chairHasCastingVote: true };
const MAJORITY_NO_CASTING: DecisionRule = { kind: 'majority', quorum: 3, chairHasCastingVote: false };
const EACH: DecisionRule = { kind: 'each-member' };

const counts = (c: Partial<VoteCounts>): VoteCounts => ({
  yes: 0,
  no: 0,
  abstain: 0,
  absent: 0,
  recused: 0,
  ...c,
});

// Generators: counts of each option, and an `eligible` no smaller than those who voted.
const countsArb = fc.record({
  yes: fc.nat({ max: 20 }),
  no: fc.nat({ max: 20 }),
  abstain: fc.nat({ max: 20 }),
  absent: fc.nat({ max: 20 }),
  recused: fc.nat({ max: 20 }),
});
const countsWithEligible = countsArb.chain((c) =>
  fc.tuple(fc.constant(c), fc.integer({ min: c.yes + c.no + c.abstain + c.recused, max: 100 })),
);
const ruleArb: fc.Arbitrary<DecisionRule> = fc.oneof(
  fc.constant<DecisionRule>({ kind: 'unanimity' }),
  fc.record({
    kind: fc.constant('majority' as const),
    quorum: fc.nat({ max: 30 }),
    chairHasCastingVote: fc.boolean(),
  }),
  fc.constant<DecisionRule>({ kind: 'each-member' }),
);
const castingArb = fc.option(fc.constantFrom<'yes' | 'no'>('yes', 'no'), { nil: undefined });
const positionArb = fc.constantFrom<MemberPosition>('approve', 'reject', 'defer', undefined);

describe('countVotes', () => {
  it('counts each option, including those that did not vote for or against', () => {
    expect(countVotes(['yes', 'yes', 'no', 'abstain', 'recused', 'absent', 'yes'])).toEqual({
      yes: 3,
      no: 1,
      abstain: 1,
      absent: 1,
      recused: 1,
    });
    expect(countVotes([])).toEqual(counts({}));
  });

  it('counts every vote exactly once', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...VOTE_OPTIONS)), (options) => {
        const c = countVotes(options);
        expect(Object.values(c).reduce((a, b) => a + b, 0)).toBe(options.length);
      }),
    );
  });
});

describe('voteResult', () => {
  describe('unanimity', () => {
    it('passes when every eligible member votes yes, and says so', () => {
      expect(voteResult(UNANIMITY, counts({ yes: 3 }), 3)).toEqual({
        result: 'passed',
        unanimous: true,
        castingVoteUsed: false,
      });
    });

    it("fails on a single 'no'", () => {
      expect(voteResult(UNANIMITY, counts({ yes: 2, no: 1 }), 3)).toEqual({
        result: 'failed',
        unanimous: false,
        castingVoteUsed: false,
      });
    });

    it('fails on an abstention or an absence: unanimity needs every member', () => {
      expect(voteResult(UNANIMITY, counts({ yes: 2, abstain: 1 }), 3).result).toBe('failed');
      expect(voteResult(UNANIMITY, counts({ yes: 2, absent: 1 }), 3).result).toBe('failed');
    });

    it('fails with nobody eligible', () => {
      expect(voteResult(UNANIMITY, counts({}), 0).result).toBe('failed');
    });

    it('records a unanimous rejection as unanimous', () => {
      expect(voteResult(UNANIMITY, counts({ no: 3 }), 3)).toEqual({
        result: 'failed',
        unanimous: true,
        castingVoteUsed: false,
      });
    });

    it('ignores a casting vote', () => {
      expect(voteResult(UNANIMITY, counts({ yes: 1, no: 1 }), 2, 'yes')).toEqual({
        result: 'failed',
        unanimous: false,
        castingVoteUsed: false,
      });
    });

    it("property: any 'no' (or abstention) means it does not pass", () => {
      fc.assert(
        fc.property(countsWithEligible, castingArb, ([c, eligible], cast) => {
          fc.pre(c.no > 0 || c.abstain > 0);
          expect(voteResult(UNANIMITY, c, eligible, cast).result).toBe('failed');
        }),
      );
    });

    // A bug this pins, now fixed (see votes/vote.closing.decider.spec.ts): the rule passed whenever
    // yes === eligible, without looking at the 'no' votes, so a caller whose `eligible` was smaller
    // than the number of voters (the vote decider counted bodies, not people) got 'passed' despite a
    // 'no'.
    it("property: any 'no' means it does not pass, whatever `eligible` the caller gives", () => {
      fc.assert(
        fc.property(countsArb, fc.nat({ max: 40 }), (c, eligible) => {
          fc.pre(c.no > 0);
          expect(voteResult(UNANIMITY, c, eligible).result).toBe('failed');
        }),
      );
    });
  });

  describe('majority with a quorum and the chair’s casting vote', () => {
    it('is inquorate below the quorum of members present (absentees do not count)', () => {
      expect(voteResult(MAJORITY, counts({ yes: 2, absent: 5 }), 7)).toEqual({
        result: 'inquorate',
        unanimous: false,
        castingVoteUsed: false,
      });
    });

    it('counts abstentions and recusals towards the quorum', () => {
      expect(voteResult(MAJORITY, counts({ yes: 1, abstain: 1, recused: 1 }), 3).result).toBe('passed');
    });

    it('passes with more yes than no, and fails with more no than yes', () => {
      expect(voteResult(MAJORITY, counts({ yes: 3, no: 2 }), 5)).toEqual({
        result: 'passed',
        unanimous: false,
        castingVoteUsed: false,
      });
      expect(voteResult(MAJORITY, counts({ yes: 2, no: 3 }), 5)).toEqual({
        result: 'failed',
        unanimous: false,
        castingVoteUsed: false,
      });
    });

    it('is unanimous when nobody voted against or abstained', () => {
      expect(voteResult(MAJORITY, counts({ yes: 4, absent: 1 }), 5)).toEqual({
        result: 'passed',
        unanimous: true,
        castingVoteUsed: false,
      });
      expect(voteResult(MAJORITY, counts({ yes: 4, abstain: 1 }), 5).unanimous).toBe(false);
    });

    it("is tied on a tie without the chair's casting vote", () => {
      expect(voteResult(MAJORITY, counts({ yes: 2, no: 2 }), 4)).toEqual({
        result: 'tied',
        unanimous: false,
        castingVoteUsed: false,
      });
    });

    it("is decided by the chair's casting vote on a tie", () => {
      expect(voteResult(MAJORITY, counts({ yes: 2, no: 2 }), 4, 'yes')).toEqual({
        result: 'passed',
        unanimous: false,
        castingVoteUsed: true,
      });
      expect(voteResult(MAJORITY, counts({ yes: 2, no: 2 }), 4, 'no')).toEqual({
        result: 'failed',
        unanimous: false,
        castingVoteUsed: true,
      });
    });

    it('stays tied when the rule gives the chair no casting vote', () => {
      expect(voteResult(MAJORITY_NO_CASTING, counts({ yes: 2, no: 2 }), 4, 'yes')).toEqual({
        result: 'tied',
        unanimous: false,
        castingVoteUsed: false,
      });
    });

    it('does not use a casting vote when there is no tie', () => {
      expect(voteResult(MAJORITY, counts({ yes: 3, no: 2 }), 5, 'no')).toEqual({
        result: 'passed',
        unanimous: false,
        castingVoteUsed: false,
      });
    });

    it("property: never 'passed' with yes <= no, nor 'failed' with yes >= no, unless the casting vote was used", () => {
      fc.assert(
        fc.property(
          countsWithEligible,
          fc.nat({ max: 30 }),
          fc.boolean(),
          castingArb,
          ([c, eligible], quorum, chairHasCastingVote, cast) => {
            const r = voteResult({ kind: 'majority', quorum, chairHasCastingVote }, c, eligible, cast);
            if (r.result === 'passed' && c.yes <= c.no) expect(r.castingVoteUsed).toBe(true);
            if (r.result === 'failed' && c.yes >= c.no) expect(r.castingVoteUsed).toBe(true);
          },
        ),
      );
    });

    it('property: the casting vote is used only on a quorate tie, when the rule grants it, and decides the result', () => {
      fc.assert(
        fc.property(
          countsWithEligible,
          fc.nat({ max: 30 }),
          fc.boolean(),
          castingArb,
          ([c, eligible], quorum, chairHasCastingVote, cast) => {
            const r = voteResult({ kind: 'majority', quorum, chairHasCastingVote }, c, eligible, cast);
            const present = c.yes + c.no + c.abstain + c.recused;
            expect(r.castingVoteUsed).toBe(
              chairHasCastingVote && cast !== undefined && c.yes === c.no && present >= quorum,
            );
            if (r.castingVoteUsed) expect(r.result).toBe(cast === 'yes' ? 'passed' : 'failed');
          },
        ),
      );
    });

    it('property: inquorate exactly when fewer than the quorum were present', () => {
      fc.assert(
        fc.property(countsWithEligible, fc.nat({ max: 30 }), ([c, eligible], quorum) => {
          const present = c.yes + c.no + c.abstain + c.recused;
          expect(
            voteResult({ kind: 'majority', quorum, chairHasCastingVote: true }, c, eligible).result ===
              'inquorate',
          ).toBe(present < quorum);
        }),
      );
    });

    it('property: absentees never change the result', () => {
      fc.assert(
        fc.property(
          countsWithEligible,
          fc.nat({ max: 20 }),
          ruleArb,
          castingArb,
          ([c, eligible], more, rule, cast) => {
            fc.pre(rule.kind !== 'unanimity');
            expect(voteResult(rule, { ...c, absent: c.absent + more }, eligible + more, cast)).toEqual(
              voteResult(rule, c, eligible, cast),
            );
          },
        ),
      );
    });
  });

  describe('each member', () => {
    it('has no collective result', () => {
      expect(voteResult(EACH, counts({ yes: 1, no: 2 }), 3)).toEqual({
        result: 'per-member',
        unanimous: false,
        castingVoteUsed: false,
      });
      expect(voteResult(EACH, counts({ yes: 3 }), 3)).toEqual({
        result: 'per-member',
        unanimous: true,
        castingVoteUsed: false,
      });
    });

    it('property: is always per-member and never uses a casting vote', () => {
      fc.assert(
        fc.property(countsWithEligible, castingArb, ([c, eligible], cast) => {
          const r = voteResult(EACH, c, eligible, cast);
          expect(r.result).toBe('per-member');
          expect(r.castingVoteUsed).toBe(false);
        }),
      );
    });
  });

  it('property: unanimous never holds when someone abstained or nobody voted yes or no', () => {
    fc.assert(
      fc.property(ruleArb, countsWithEligible, castingArb, (rule, [c, eligible], cast) => {
        fc.pre(c.abstain > 0 || c.yes + c.no === 0);
        expect(voteResult(rule, c, eligible, cast).unanimous).toBe(false);
      }),
    );
  });
});

describe('membersResult', () => {
  describe('unanimity', () => {
    it('agrees only when every member approved', () => {
      expect(membersResult(UNANIMITY, ['approve', 'approve', 'approve'])).toBe('agreed');
      expect(membersResult(UNANIMITY, ['approve', 'approve', undefined])).toBe('open');
      expect(membersResult(UNANIMITY, ['approve', 'defer', 'approve'])).toBe('open');
    });

    it('rejects on one rejection, whatever the others did', () => {
      expect(membersResult(UNANIMITY, ['approve', 'reject', undefined])).toBe('rejected');
    });

    it('is open with no members', () => {
      expect(membersResult(UNANIMITY, [])).toBe('open');
    });

    it('property: any rejection rejects; agreement needs every member to approve', () => {
      fc.assert(
        fc.property(fc.array(positionArb, { maxLength: 12 }), (positions) => {
          const r = membersResult(UNANIMITY, positions);
          if (positions.includes('reject')) expect(r).toBe('rejected');
          expect(r === 'agreed').toBe(positions.length > 0 && positions.every((p) => p === 'approve'));
        }),
      );
    });
  });

  describe('majority', () => {
    it('agrees when more than half of the members approved', () => {
      expect(membersResult(MAJORITY, ['approve', 'approve', undefined])).toBe('agreed');
      expect(membersResult(MAJORITY, ['approve', undefined, undefined])).toBe('open');
    });

    it('rejects when half or more rejected (a tie is not agreement)', () => {
      expect(membersResult(MAJORITY, ['approve', 'reject'])).toBe('rejected');
      expect(membersResult(MAJORITY, ['reject', 'reject', 'approve'])).toBe('rejected');
      expect(membersResult(MAJORITY, ['reject', 'defer', 'approve'])).toBe('open');
    });

    it('is open with no members', () => {
      expect(membersResult(MAJORITY, [])).toBe('open');
    });

    it('property: agreed exactly when approvals are a strict majority of the members', () => {
      fc.assert(
        fc.property(fc.array(positionArb, { maxLength: 12 }), (positions) => {
          const approve = positions.filter((p) => p === 'approve').length;
          expect(membersResult(MAJORITY, positions) === 'agreed').toBe(approve * 2 > positions.length);
        }),
      );
    });
  });

  it('each member: there is no collective result', () => {
    expect(membersResult(EACH, ['approve', 'approve'])).toBe('per-member');
    expect(membersResult(EACH, [])).toBe('per-member');
  });
});
