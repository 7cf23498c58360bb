import { documentDecider } from '../documents/document.decider';
import type { DocumentEvent } from '../documents/document.events';
import { reviewDecider } from '../scrutiny/review.decider';
import type { References } from '../shared/decider';
import { takenInPrivate } from '../shared/publicity';
import { aBody, aMeeting, aProposal, decisionRecorded, proposalTabled } from '../testing/builders';
import { spec } from '../testing/given-when-then';
import { proposal, refs } from '../testing/proposal.fixtures';
import type { VoteEventState } from '../votes/vote.decider';

/*
 * A decision carried by a vote taken at a private meeting was taken in private, as one taken at
 * the meeting itself is: the vote is withheld with its meeting, and a public decision citing it
 * would show the public its id (and that it exists). The proposal fixtures' meetings: `held` is
 * public, `private` is not.
 */
const closedVote = (voteEventId: string, meetingId: string): VoteEventState => ({
  exists: true,
  voteEventId,
  proposalId: 'proposal',
  meetingId,
  question: 'Shall the authority proceed?',
  rule: { kind: 'unanimity' },
  votingBodyIds: ['pa'],
  votes: [],
  closed: {
    counts: { yes: 1, no: 0, abstain: 0, absent: 0, recused: 0 },
    result: 'passed',
    unanimous: true,
  },
});
const votes: Record<string, VoteEventState> = {
  'v-private': closedVote('v-private', 'private'),
  'v-public': closedVote('v-public', 'held'),
};
/** The fixtures' world, with the two votes. */
const withVotes: References = {
  get: (kind, id) => (kind === 'vote' ? votes[id] : refs.get(kind, id)) as never,
};

const data = {
  proposalId: 'proposal',
  decisionId: 'd-pa',
  bodyId: 'pa',
  postId: 'chair',
  personId: 'ann',
  outcome: 'approve' as const,
  rationale: 'The vote carried it.',
};

describe('a decision carried by a vote at a private meeting was taken in private', () => {
  it('refuses to record it as taken in public (private-decision-in-public)', () => {
    proposal()
      .when(
        { type: 'RecordDecision', data: { ...data, inPublic: true, voteEventId: 'v-private' } },
        {
          refs: withVotes,
        },
      )
      .thenFails('private-decision-in-public', /vote v-private was taken at a private meeting/);
  });

  it('refuses it even when the decision names a public meeting of its own: the vote was not taken there', () => {
    // A decision names a vote of its own meeting (decision-vote.rules.ts); one recorded before
    // that rule is still counted private (takenInPrivate, below).
    proposal()
      .when(
        {
          type: 'RecordDecision',
          data: { ...data, inPublic: true, meetingId: 'held', voteEventId: 'v-private' },
        },
        { refs: withVotes },
      )
      .thenFails('vote-at-another-meeting', /taken at meeting private, not at meeting held/);
  });

  it('refuses a decision "in public" at a private meeting under the same rule', () => {
    proposal()
      .when({ type: 'RecordDecision', data: { ...data, inPublic: true, meetingId: 'private' } }, { refs })
      .thenFails('private-decision-in-public', /meeting private/);
  });

  it('records it taken in private, or with its publicity not stated', () => {
    for (const inPublic of [false, undefined]) {
      const decided = { ...data, voteEventId: 'v-private', ...(inPublic === false ? { inPublic } : {}) };
      proposal()
        .when({ type: 'RecordDecision', data: decided }, { refs: withVotes })
        .then([{ type: 'DecisionRecorded', data: decided }]);
    }
  });

  it('records a decision in public carried by a vote at a public meeting', () => {
    const decided = { ...data, inPublic: true, voteEventId: 'v-public' };
    proposal()
      .when({ type: 'RecordDecision', data: decided }, { refs: withVotes })
      .then([{ type: 'DecisionRecorded', data: decided }]);
  });

  it('counts it as private when its own publicity is not stated (takenInPrivate)', () => {
    expect(takenInPrivate({ voteEventId: 'v-private' }, withVotes)).toBe(true);
    expect(takenInPrivate({ voteEventId: 'v-public' }, withVotes)).toBe(false);
    expect(takenInPrivate({ voteEventId: 'v-unknown' }, withVotes)).toBe(false);
    expect(takenInPrivate({ inPublic: true, meetingId: 'held', voteEventId: 'v-private' }, withVotes)).toBe(
      true,
    );
  });

  describe('so every rule that keeps a private decision private counts it', () => {
    const precept = aProposal(
      proposalTabled({ proposalId: 'proposal' }),
      decisionRecorded({
        decisionId: 'by-vote',
        bodyId: 'pa',
        inPublic: undefined,
        voteEventId: 'v-private',
      }),
    );
    const world: References = {
      get: (kind, id) => {
        if (kind === 'proposal' && id === 'proposal') return precept as never;
        if (kind === 'body' && id === 'panel')
          return aBody({ bodyId: 'panel', foundingDate: '2010-01-01' }) as never;
        if (kind === 'meeting' && id === 'pcp')
          return aMeeting({ meetingId: 'pcp', bodyIds: ['panel'], heldOn: '2012-09-01' }) as never;
        return withVotes.get(kind, id);
      },
    };

    it('its document must be exempt (document-must-be-exempt)', () => {
      const notice: DocumentEvent['data'] = {
        documentId: 'notice',
        title: 'Decision notice',
        kind: 'decision-notice',
        mediaType: 'application/pdf',
        sha256: 'a'.repeat(64),
        size: 10,
        publishedAt: '2012-09-01',
        visibility: 'public',
        proposalId: 'proposal',
        decisionId: 'by-vote',
      };
      spec(documentDecider)
        .given([])
        .when({ type: 'RecordDocument', data: notice }, { at: '2012-09-02', refs: world })
        .thenFails('document-must-be-exempt', /by-vote was taken in private/);
    });

    it('its review is recorded at a private meeting (review-of-private-decision)', () => {
      spec(reviewDecider)
        .given([])
        .when(
          {
            type: 'ReviewDecision',
            data: {
              reviewId: 'rv',
              panelBodyId: 'panel',
              proposalId: 'proposal',
              decisionId: 'by-vote',
              meetingId: 'pcp',
              findings: 'x',
            },
          },
          { at: '2012-09-02', refs: world },
        )
        .thenFails('review-of-private-decision');
    });
  });
});
