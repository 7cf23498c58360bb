import { reviewDecider, type ReviewEvent } from '../scrutiny/review.decider';
import {
  aBody,
  aProposal,
  allianceFormed,
  bodiesById,
  decisionRecorded,
  proposalTabled,
} from '../testing/builders';
import { refsOf, spec } from '../testing/given-when-then';
import { allianceDecider, type AllianceEvent } from './alliance.decider';
import { correct } from '../testing/corrections.fixtures';

/*
 * Entries that name other bodies on a date keep naming ones that stood then, once corrected: an
 * alliance's members existed when it was formed or they joined, and the formal response to a
 * scrutiny recommendation comes from the body that stands for the decision-maker on its date. The
 * PCC was established on 22 November 2012, when the police authority (pa) was abolished; given
 * events are 'given-0', 'given-1', … in order.
 */
const pa = aBody({
  bodyId: 'pa',
  name: 'Police Authority',
  abolished: { on: '2012-11-22', successorId: 'pcc' },
});
const pcc = aBody({ bodyId: 'pcc', name: 'PCC', foundingDate: '2012-11-22' });
const panel = aBody({ bodyId: 'panel', name: 'Panel', foundingDate: '2012-11-01' });
const refs = refsOf({
  body: bodiesById(pa, pcc, panel),
  proposal: {
    precept: aProposal(
      proposalTabled({ proposalId: 'precept', tabledBy: 'pcc', bodyId: 'pcc' }),
      decisionRecorded({ proposalId: 'precept', decisionId: 'd1', bodyId: 'pcc' }),
    ),
  },
});

describe('a corrected alliance', () => {
  const joined: AllianceEvent & { occurredAt: string } = {
    type: 'AllianceMemberJoined',
    data: { allianceId: 'alliance', bodyId: 'pcc', startDate: '2012-11-22', reason: 'succeeded pa' },
    occurredAt: '2012-11-22',
  };
  const alliance = () =>
    spec(allianceDecider).given([
      { ...allianceFormed({ memberIds: ['pa'] }), occurredAt: '2012-01-01' },
      joined,
    ]);

  it('refuses a founding date corrected to before a member was established (body-not-established)', () => {
    spec(allianceDecider)
      .given([allianceFormed({ memberIds: ['pcc'], foundingDate: '2012-12-01' })])
      .when(correct('given-0', { foundingDate: '2012-01-01' }), { at: '2013-01-01', refs })
      .thenFails('body-not-established', /AllianceFormed\.foundingDate as corrected: PCC was established/);
  });

  it('refuses a member’s start corrected to before it was established (body-not-established)', () => {
    alliance()
      .when(correct('given-1', { startDate: '2012-06-01' }), { at: '2013-01-01', refs })
      .thenFails('body-not-established', /AllianceMemberJoined\.startDate as corrected/);
  });

  it('refuses a member’s end, or its start, corrected out of order (ends-before-start)', () => {
    const left: AllianceEvent & { occurredAt: string } = {
      type: 'AllianceMemberLeft',
      data: { allianceId: 'alliance', bodyId: 'pcc', endDate: '2013-03-31', reason: 'left' },
      occurredAt: '2013-03-31',
    };
    const withLeaving = () =>
      spec(allianceDecider).given([
        { ...allianceFormed({ memberIds: ['pa'] }), occurredAt: '2012-01-01' },
        joined,
        left,
      ]);
    withLeaving()
      .when(correct('given-2', { endDate: '2012-11-21' }), { at: '2014-01-01', refs })
      .thenFails(
        'ends-before-start',
        /AllianceMemberLeft\.endDate as corrected: .*ends on 2012-11-21 \(endDate\), before it starts on 2012-11-22/,
      );
    withLeaving()
      .when(correct('given-1', { startDate: '2013-06-01' }), { at: '2014-01-01', refs })
      .thenFails('ends-before-start', /AllianceMemberLeft given-2 .*could not have been recorded/);
    spec(allianceDecider)
      .given([
        { ...allianceFormed({ memberIds: ['pa'] }), occurredAt: '2012-01-01' },
        { ...left, data: { ...left.data, bodyId: 'pa', endDate: '2012-06-01' }, occurredAt: '2012-06-01' },
      ])
      .when(correct('given-0', { foundingDate: '2012-07-01' }), { at: '2014-01-01', refs })
      .thenFails(
        'ends-before-start',
        /AllianceMemberLeft given-1 .*before it starts on 2012-07-01 \(foundingDate\)/,
      );
  });
});

describe('a corrected response to a scrutiny recommendation', () => {
  const review: Array<ReviewEvent & { occurredAt: string }> = [
    {
      type: 'DecisionReviewed',
      data: { reviewId: 'r', panelBodyId: 'panel', proposalId: 'precept', decisionId: 'd1', findings: 'x' },
      occurredAt: '2013-02-07',
    },
    {
      type: 'ScrutinyRecommendationMade',
      data: { reviewId: 'r', recommendationId: 'rec', text: 'Publish it' },
      occurredAt: '2013-02-07',
    },
    {
      type: 'RecommendationResponded',
      data: {
        reviewId: 'r',
        recommendationId: 'rec',
        respondedBy: 'pcc',
        response: 'accept',
        reasons: 'Done',
      },
      occurredAt: '2013-03-01',
    },
  ];

  it('refuses a response corrected to come from a body that did not take the decision (not-decision-maker)', () => {
    spec(reviewDecider)
      .given(review)
      .when(correct('given-2', { respondedBy: 'panel' }), { at: '2013-04-01', refs })
      .thenFails('not-decision-maker', /RecommendationResponded\.respondedBy as corrected/);
  });
});
