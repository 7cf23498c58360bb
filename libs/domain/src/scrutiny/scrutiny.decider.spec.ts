import {
  aBody,
  aMeeting,
  aPerson,
  aProposal,
  bodiesById,
  decisionRecorded,
  proposalTabled,
} from '../testing/builders';
import { refsOf, spec } from '../testing/given-when-then';
import { questionDecider, type QuestionEvent } from './question.decider';
import { reviewDecider, type ReviewEvent } from './review.decider';

const panel = aBody({ bodyId: 'panel', classification: 'committee', foundingDate: '2012-11-01' });
const pcc = aBody({ bodyId: 'pcc', foundingDate: '2012-11-22' });
const pa = aBody({ bodyId: 'pa', abolished: { on: '2012-11-22', successorId: 'pcc' } });
const proposal = aProposal(
  proposalTabled({ proposalId: 'precept' }),
  decisionRecorded({ proposalId: 'precept', decisionId: 'open', bodyId: 'pcc' }),
  decisionRecorded(
    { proposalId: 'precept', decisionId: 'closed', bodyId: 'pcc', inPublic: false },
    '2012-06-02T00:00:00.000Z',
  ),
  decisionRecorded({ proposalId: 'precept', decisionId: 'old', bodyId: 'pa' }, '2012-06-03T00:00:00.000Z'),
  // A decision whose publicity its source does not state.
  decisionRecorded(
    { proposalId: 'precept', decisionId: 'unstated', bodyId: 'pcc', inPublic: undefined },
    '2012-06-04T00:00:00.000Z',
  ),
  // Taken at a private meeting, its own publicity not stated: the meeting makes it private.
  decisionRecorded(
    {
      proposalId: 'precept',
      decisionId: 'at-closed',
      bodyId: 'pcc',
      inPublic: undefined,
      meetingId: 'closed',
    },
    '2012-06-05T00:00:00.000Z',
  ),
);
const refs = refsOf({
  body: bodiesById(panel, pcc, pa),
  person: { 'david-lloyd': aPerson('david-lloyd') },
  meeting: {
    pcp: aMeeting({ meetingId: 'pcp', bodyIds: ['panel'], heldOn: '2013-02-07' }),
    closed: aMeeting({ meetingId: 'closed', bodyIds: ['panel'], heldOn: '2013-02-07', public: false }),
    off: aMeeting({ meetingId: 'off', bodyIds: ['panel'], cancelled: true }),
  },
  proposal: { precept: proposal },
});
const at = { at: '2013-02-07T10:00:00.000Z', refs };

describe('question decider', () => {
  const asked: Extract<QuestionEvent, { type: 'PublicQuestionAsked' }>['data'] = {
    questionId: 'q1',
    meetingId: 'pcp',
    askedBy: 'A resident',
    askedOn: '2013-01-31',
    toBodyId: 'pcc',
    toPersonId: 'david-lloyd',
    question: 'How many posts move?',
  };
  const given = () => spec(questionDecider).given([{ type: 'PublicQuestionAsked', data: asked }]);

  it('records a question put at a meeting', () => {
    spec(questionDecider)
      .given([])
      .when({ type: 'AskPublicQuestion', data: asked }, at)
      .then([{ type: 'PublicQuestionAsked', data: asked }]);
  });

  it('refuses a question at a cancelled meeting (meeting-cancelled) or one not recorded (not-found)', () => {
    spec(questionDecider)
      .given([])
      .when({ type: 'AskPublicQuestion', data: { ...asked, meetingId: 'off' } }, at)
      .thenFails('meeting-cancelled');
    spec(questionDecider)
      .given([])
      .when({ type: 'AskPublicQuestion', data: { ...asked, meetingId: 'ghost' } }, at)
      .thenFails('not-found', /Meeting ghost/);
  });

  it('records the answer with the question’s meeting, so it is withheld with it', () => {
    given()
      .when(
        {
          type: 'AnswerPublicQuestion',
          data: { questionId: 'q1', answeredBy: 'david-lloyd', answer: 'None.' },
        },
        at,
      )
      .then([
        {
          type: 'PublicQuestionAnswered',
          data: { questionId: 'q1', answeredBy: 'david-lloyd', answer: 'None.', meetingId: 'pcp' },
        },
      ]);
  });

  it('refuses a second answer (already-exists) and an answer to no question (not-found)', () => {
    spec(questionDecider)
      .given([
        { type: 'PublicQuestionAsked', data: asked },
        {
          type: 'PublicQuestionAnswered',
          data: { questionId: 'q1', answeredBy: 'david-lloyd', answer: 'None.', meetingId: 'pcp' },
        },
      ])
      .when(
        {
          type: 'AnswerPublicQuestion',
          data: { questionId: 'q1', answeredBy: 'david-lloyd', answer: 'Again.' },
        },
        at,
      )
      .thenFails('already-exists');
    spec(questionDecider)
      .given([])
      .when(
        {
          type: 'AnswerPublicQuestion',
          data: { questionId: 'q1', answeredBy: 'david-lloyd', answer: 'None.' },
        },
        at,
      )
      .thenFails('not-found', /Question q1/);
  });
});

describe('review decider', () => {
  const reviewed: Extract<ReviewEvent, { type: 'DecisionReviewed' }>['data'] = {
    reviewId: 'rv',
    panelBodyId: 'panel',
    proposalId: 'precept',
    decisionId: 'open',
    meetingId: 'pcp',
    findings: 'The business case was not shown.',
  };
  const made: ReviewEvent = {
    type: 'ScrutinyRecommendationMade',
    data: { reviewId: 'rv', recommendationId: 'r1', text: 'Publish it.', meetingId: 'pcp' },
  };
  const response = {
    reviewId: 'rv',
    recommendationId: 'r1',
    respondedBy: 'pcc',
    response: 'partly' as const,
    reasons: 'Less the annex.',
  };

  it('records a panel’s review of a decision', () => {
    spec(reviewDecider)
      .given([])
      .when({ type: 'ReviewDecision', data: reviewed }, at)
      .then([{ type: 'DecisionReviewed', data: reviewed }]);
  });

  it('refuses a review of a decision that is not recorded (not-found)', () => {
    spec(reviewDecider)
      .given([])
      .when({ type: 'ReviewDecision', data: { ...reviewed, decisionId: 'ghost' } }, at)
      .thenFails('not-found', /no decision ghost/);
  });

  it('refuses a review of a private decision except at a private meeting (review-of-private-decision)', () => {
    spec(reviewDecider)
      .given([])
      .when({ type: 'ReviewDecision', data: { ...reviewed, decisionId: 'closed' } }, at)
      .thenFails('review-of-private-decision');
    const inPrivate = { ...reviewed, decisionId: 'closed', meetingId: 'closed' };
    spec(reviewDecider)
      .given([])
      .when({ type: 'ReviewDecision', data: inPrivate }, at)
      .then([{ type: 'DecisionReviewed', data: inPrivate }]);
  });

  it('counts a decision taken at a private meeting as private, its own publicity not stated (review-of-private-decision)', () => {
    spec(reviewDecider)
      .given([])
      .when({ type: 'ReviewDecision', data: { ...reviewed, decisionId: 'at-closed' } }, at)
      .thenFails('review-of-private-decision', /at-closed was taken in private/);
    const inPrivate = { ...reviewed, decisionId: 'at-closed', meetingId: 'closed' };
    spec(reviewDecider)
      .given([])
      .when({ type: 'ReviewDecision', data: inPrivate }, at)
      .then([{ type: 'DecisionReviewed', data: inPrivate }]);
  });

  it('reviews a decision whose publicity is not stated in public: not stated is not private', () => {
    const notStated = { ...reviewed, decisionId: 'unstated' };
    spec(reviewDecider)
      .given([])
      .when({ type: 'ReviewDecision', data: notStated }, at)
      .then([{ type: 'DecisionReviewed', data: notStated }]);
  });

  it('records a recommendation with the review’s meeting', () => {
    spec(reviewDecider)
      .given([{ type: 'DecisionReviewed', data: reviewed }])
      .when(
        {
          type: 'MakeScrutinyRecommendation',
          data: { reviewId: 'rv', recommendationId: 'r1', text: 'Publish it.' },
        },
        at,
      )
      .then([made]);
  });

  it('records a recommendation of a review held at no meeting without a meeting', () => {
    const { meetingId: _m, ...atNoMeeting } = reviewed;
    spec(reviewDecider)
      .given([{ type: 'DecisionReviewed', data: atNoMeeting }])
      .when(
        {
          type: 'MakeScrutinyRecommendation',
          data: { reviewId: 'rv', recommendationId: 'r1', text: 'Publish it.' },
        },
        at,
      )
      .then([
        {
          type: 'ScrutinyRecommendationMade',
          data: { reviewId: 'rv', recommendationId: 'r1', text: 'Publish it.' },
        },
      ]);
  });

  it('records the decision-maker’s formal response', () => {
    spec(reviewDecider)
      .given([{ type: 'DecisionReviewed', data: reviewed }, made])
      .when({ type: 'RespondToRecommendation', data: response }, { ...at, refs })
      .then([{ type: 'RecommendationResponded', data: { ...response, meetingId: 'pcp' } }]);
  });

  it('refuses a response by another body (not-decision-maker)', () => {
    spec(reviewDecider)
      .given([{ type: 'DecisionReviewed', data: reviewed }, made])
      .when({ type: 'RespondToRecommendation', data: { ...response, respondedBy: 'panel' } }, at)
      .thenFails('not-decision-maker', /panel did not take decision open; pcc responds/);
  });

  it('takes the response of the successor of an abolished decision-maker', () => {
    const old = { ...reviewed, decisionId: 'old' };
    spec(reviewDecider)
      .given([{ type: 'DecisionReviewed', data: old }, made])
      .when({ type: 'RespondToRecommendation', data: response }, at)
      .then([{ type: 'RecommendationResponded', data: { ...response, meetingId: 'pcp' } }]);
  });

  it('refuses a second response (already-exists) and a response to no recommendation (not-found)', () => {
    spec(reviewDecider)
      .given([
        { type: 'DecisionReviewed', data: reviewed },
        made,
        { type: 'RecommendationResponded', data: { ...response, meetingId: 'pcp' } },
      ])
      .when({ type: 'RespondToRecommendation', data: response }, at)
      .thenFails('already-exists');
    spec(reviewDecider)
      .given([{ type: 'DecisionReviewed', data: reviewed }])
      .when({ type: 'RespondToRecommendation', data: response }, at)
      .thenFails('not-found', /no recommendation r1/);
  });
});
