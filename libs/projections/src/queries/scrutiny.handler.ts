import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityAtCut } from './entities.handler';
import { bodyRef, meetingRef } from './names';
import { GetQuestionQuery, GetReviewQuery } from './scrutiny.query';

/**
 * Scrutiny reads fold their own stream at the cut, from the events the viewer may see: a question
 * or review of a private meeting is 404 to the public, as the meeting's other business is.
 */
@QueryHandler(GetQuestionQuery)
export class GetQuestionHandler extends EntityAtCut implements IQueryHandler<GetQuestionQuery> {
  async execute({ questionId, cut, viewer }: GetQuestionQuery) {
    const { state, states, person, asOf } = await this.drawn('question', questionId, cut, viewer);
    const refs = await states.refs([{ kind: 'question', id: questionId }]);
    return {
      questionId,
      meeting: meetingRef(refs, state.meetingId),
      askedBy: state.askedBy,
      askedOn: state.askedOn,
      to: bodyRef(refs, state.toBodyId),
      toPerson: state.toPersonId ? await person(state.toPersonId) : undefined,
      question: state.question,
      answer: state.answer && {
        answeredBy: await person(state.answer.answeredBy),
        answer: state.answer.answer,
        answeredAt: state.answer.answeredAt,
      },
      asOf,
    };
  }
}

@QueryHandler(GetReviewQuery)
export class GetReviewHandler extends EntityAtCut implements IQueryHandler<GetReviewQuery> {
  async execute({ reviewId, cut, viewer }: GetReviewQuery) {
    const { state, states, person, asOf } = await this.drawn('review', reviewId, cut, viewer);
    const refs = await states.refs([{ kind: 'review', id: reviewId }]);
    const proposal = refs.get('proposal', state.proposalId);
    return {
      reviewId,
      panel: bodyRef(refs, state.panelBodyId),
      proposal: { id: state.proposalId, title: proposal?.exists ? proposal.terms.title : state.proposalId },
      decisionId: state.decisionId,
      meeting: state.meetingId ? meetingRef(refs, state.meetingId) : undefined,
      findings: state.findings,
      reviewedAt: state.reviewedAt,
      recommendations: await Promise.all(
        state.recommendations.map(async (r) => ({
          recommendationId: r.recommendationId,
          text: r.text,
          madeAt: r.madeAt,
          response: r.response && {
            respondedBy: bodyRef(refs, r.response.respondedBy),
            person: r.response.personId ? await person(r.response.personId) : undefined,
            response: r.response.response,
            reasons: r.response.reasons,
            respondedAt: r.response.respondedAt,
          },
        })),
      ),
      asOf,
    };
  }
}
