import type { LedgerCommand } from '../registry';
import { decided, idOf, retracting, voteOpened, world } from '../testing/across-records.fixtures';

/*
 * Through the command side (decideCommand): a retraction is refused while an entry of ANOTHER
 * record still stands on the one retracted, naming that entry (its type, id and date, and its
 * record's stream), so the clerk knows what to retract or correct first. The records that name
 * the retracted entry's record are found by what each record names (registry: the records named
 * by a stream), whatever stream they are in. The world (testing/across-records.fixtures.ts): a
 * police authority pa with Ann in its chair, a panel, meeting m held on 1 June 2012 and proposal p.
 */

const dependent = (type: string, id: string, stream: string, says: string) =>
  new RegExp(
    `^retraction-leaves-dependent: .* cannot be retracted: ${type} ${id} of [^ ]+ in ${stream} ${says}.*; retract or correct that entry first`,
  );

describe('retracting a meeting’s holding (its record of attendance)', () => {
  it('is refused while a vote opened at the meeting stands, naming the vote’s opening', async () => {
    const l = await world(voteOpened());
    expect(await retracting(l, 'meeting-m', 'MeetingHeld')).toMatch(
      dependent(
        'VoteOpened',
        idOf(l, 'vote-v', 'VoteOpened'),
        'vote-v',
        'was taken at meeting m \\(meetingId\\)',
      ),
    );
  });

  it('is refused while a decision or a recommendation recorded as taken at the meeting stands', async () => {
    const withDecision = await world(decided({ meetingId: 'm' }));
    expect(await retracting(withDecision, 'meeting-m', 'MeetingHeld')).toMatch(
      dependent(
        'DecisionRecorded',
        idOf(withDecision, 'proposal-p', 'DecisionRecorded'),
        'proposal-p',
        'was taken at meeting m',
      ),
    );
    const withRecommendation = await world([
      {
        type: 'IssueRecommendation',
        data: {
          proposalId: 'p',
          recommendationId: 'r1',
          byBodyId: 'pa',
          toBodyIds: [],
          content: 'proceed',
          rationale: 'Advice.',
          meetingId: 'm',
        },
      },
      '2012-06-01',
    ]);
    expect(await retracting(withRecommendation, 'meeting-m', 'MeetingHeld')).toMatch(
      dependent(
        'RecommendationIssued',
        idOf(withRecommendation, 'proposal-p', 'RecommendationIssued'),
        'proposal-p',
        'was taken at meeting m',
      ),
    );
  });

  it('is taken once what was taken at the meeting is retracted', async () => {
    const l = await world(voteOpened(), decided({ meetingId: 'm' }));
    const both = await retracting(l, 'meeting-m', 'MeetingHeld');
    expect(both).toMatch(/VoteOpened [^ ]+ of [^ ]+ in vote-v/);
    expect(both).toMatch(/DecisionRecorded [^ ]+ of [^ ]+ in proposal-p/);
    expect(await retracting(l, 'proposal-p', 'DecisionRecorded')).toBeUndefined();
    expect(await retracting(l, 'meeting-m', 'MeetingHeld')).not.toMatch(/DecisionRecorded/);
    expect(await retracting(l, 'vote-v', 'VoteOpened')).toBeUndefined();
    expect(await retracting(l, 'meeting-m', 'MeetingHeld')).toBeUndefined();
  });

  it('is not held by what names the meeting without resting on its holding (a document of it)', async () => {
    const l = await world([
      {
        type: 'RecordDocument',
        data: {
          documentId: 'agenda',
          title: 'Agenda',
          kind: 'agenda',
          mediaType: 'application/pdf',
          sha256: 'a'.repeat(64),
          size: 1,
          publishedAt: '2012-05-20',
          visibility: 'public',
          meetingId: 'm',
        },
      },
      '2012-05-20',
    ]);
    expect(await retracting(l, 'meeting-m', 'MeetingHeld')).toBeUndefined();
    // The meeting itself is still named by the document: its scheduling is not retracted.
    expect(await retracting(l, 'meeting-m', 'MeetingScheduled')).toMatch(
      dependent(
        'DocumentRecorded',
        idOf(l, 'document-agenda', 'DocumentRecorded'),
        'document-agenda',
        'names meeting m',
      ),
    );
  });
});

const documentOf = (decisionId?: string): readonly [LedgerCommand, string] => [
  {
    type: 'RecordDocument',
    data: {
      documentId: 'notice',
      title: 'Decision notice',
      kind: 'decision-notice',
      mediaType: 'application/pdf',
      sha256: 'a'.repeat(64),
      size: 1,
      publishedAt: '2012-06-02',
      visibility: 'public',
      proposalId: 'p',
      ...(decisionId ? { decisionId } : {}),
    },
  },
  '2012-06-02',
];

describe('retracting a decision named in another record', () => {
  it('is refused while a document names the decision, naming the document', async () => {
    const l = await world(decided(), documentOf('d1'));
    expect(await retracting(l, 'proposal-p', 'DecisionRecorded')).toMatch(
      dependent(
        'DocumentRecorded',
        idOf(l, 'document-notice', 'DocumentRecorded'),
        'document-notice',
        'names decision d1 of proposal p \\(decisionId\\)',
      ),
    );
  });

  it('is refused while a review of it, or a response to the review, stands: the response first', async () => {
    const l = await world(
      decided(),
      [
        {
          type: 'ReviewDecision',
          data: { reviewId: 'r', panelBodyId: 'panel', proposalId: 'p', decisionId: 'd1', findings: 'Fine.' },
        },
        '2012-07-01',
      ],
      [
        {
          type: 'MakeScrutinyRecommendation',
          data: { reviewId: 'r', recommendationId: 'sr', text: 'Report back.' },
        },
        '2012-07-01',
      ],
      [
        {
          type: 'RespondToRecommendation',
          data: {
            reviewId: 'r',
            recommendationId: 'sr',
            respondedBy: 'pa',
            response: 'accept',
            reasons: 'Agreed.',
          },
        },
        '2012-08-01',
      ],
    );
    const refused = await retracting(l, 'proposal-p', 'DecisionRecorded');
    expect(refused).toMatch(
      dependent(
        'RecommendationResponded',
        idOf(l, 'review-r', 'RecommendationResponded'),
        'review-r',
        'answers a recommendation on decision d1 of proposal p',
      ),
    );
    expect(refused).toContain(`DecisionReviewed ${idOf(l, 'review-r', 'DecisionReviewed')} of`);
  });

  it('is taken while a document names only its proposal, or once the naming document is retracted', async () => {
    expect(
      await retracting(await world(decided(), documentOf()), 'proposal-p', 'DecisionRecorded'),
    ).toBeUndefined();
    const l = await world(decided(), documentOf('d1'));
    expect(await retracting(l, 'document-notice', 'DocumentRecorded')).toBeUndefined();
    expect(await retracting(l, 'proposal-p', 'DecisionRecorded')).toBeUndefined();
  });
});

describe('retracting a proposal’s tabling', () => {
  const child: readonly [LedgerCommand, string] = [
    {
      type: 'TableProposal',
      data: {
        proposalId: 'child',
        title: 'Outsource alone',
        description: 'The authority takes it forward alone.',
        scope: ['HR'],
        tabledBy: 'pa',
        bodyId: 'pa',
        parentProposalId: 'p',
      },
    },
    '2012-04-01',
  ];

  it('is refused while a child proposal names it as its parent, naming the child’s tabling', async () => {
    const l = await world(child);
    expect(await retracting(l, 'proposal-p', 'ProposalTabled')).toMatch(
      dependent(
        'ProposalTabled',
        idOf(l, 'proposal-child', 'ProposalTabled'),
        'proposal-child',
        'names proposal p',
      ),
    );
  });

  it('is taken once the child’s tabling is retracted', async () => {
    const l = await world(child);
    expect(await retracting(l, 'proposal-child', 'ProposalTabled')).toBeUndefined();
    expect(await retracting(l, 'proposal-p', 'ProposalTabled')).toBeUndefined();
  });
});

describe('retracting a body’s registration or a post’s creation', () => {
  it('is refused while an alliance has the body as a member, naming the alliance’s entry', async () => {
    const l = await world([
      {
        type: 'FormAlliance',
        data: {
          allianceId: 'a',
          name: 'Alliance',
          decisionRule: { kind: 'unanimity' },
          foundingDate: '2012-01-01',
          memberIds: ['panel'],
        },
      },
      '2012-01-01',
    ]);
    expect(await retracting(l, 'body-panel', 'BodyRegistered')).toMatch(
      dependent('AllianceFormed', idOf(l, 'alliance-a', 'AllianceFormed'), 'alliance-a', 'names body panel'),
    );
  });

  it('is refused while a decision or a ballot names the post, naming it', async () => {
    const signed = await world(decided({ personId: 'ann', postId: 'chair' }));
    expect(await retracting(signed, 'body-pa', 'PostCreated')).toMatch(
      dependent(
        'DecisionRecorded',
        idOf(signed, 'proposal-p', 'DecisionRecorded'),
        'proposal-p',
        'names post chair of body pa \\(postId\\)',
      ),
    );
    const cast = await world(voteOpened(), [
      { type: 'CastVote', data: { voteEventId: 'v', personId: 'ann', bodyId: 'pa', option: 'yes' } },
      '2012-06-01',
    ]);
    expect(await retracting(cast, 'body-pa', 'PostCreated')).toMatch(
      dependent(
        'VoteCast',
        idOf(cast, 'vote-v', 'VoteCast'),
        'vote-v',
        'names post chair of body pa \\(postId\\)',
      ),
    );
  });
});
