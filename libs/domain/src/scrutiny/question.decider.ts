import { registeredPerson } from '../people/person.decider';
import type { Decider, DecideContext, DomainCommand, DomainEvent } from '../shared/decider';
import { assertNever } from '../shared/decider';
import { DATE } from '../shared/field-values';
import { ensure } from '../shared/rules';

/**
 * A question from a member of the public, put at a meeting (a Police and Crime Panel's public
 * question time), and its answer. It belongs to its meeting: a private meeting's questions are
 * the public's no more than the rest of it.
 */
export type QuestionEvent =
  | DomainEvent<
      'PublicQuestionAsked',
      {
        questionId: string;
        meetingId: string;
        /** The questioner as the minutes name them. */
        askedBy: string;
        askedOn: string;
        /** To whom: a body (the PCC), and the office holder if named. */
        toBodyId: string;
        toPersonId?: string;
        question: string;
      }
    >
  | DomainEvent<
      'PublicQuestionAnswered',
      { questionId: string; meetingId: string; answeredBy: string; answer: string }
    >;

type DataOf<T extends QuestionEvent['type']> = Extract<QuestionEvent, { type: T }>['data'];

export interface QuestionState extends Omit<DataOf<'PublicQuestionAsked'>, 'toPersonId'> {
  exists: boolean;
  toPersonId?: string;
  answer?: { answeredBy: string; answer: string; answeredAt: string };
}

declare module '../shared/decider' {
  interface AggregateStates {
    question: QuestionState;
  }
}

export type QuestionCommand =
  | DomainCommand<'AskPublicQuestion', DataOf<'PublicQuestionAsked'>>
  /** The meeting is the question's own: the decider copies it, so the answer is withheld with it. */
  | DomainCommand<'AnswerPublicQuestion', Omit<DataOf<'PublicQuestionAnswered'>, 'meetingId'>>;

function decide(command: QuestionCommand, state: QuestionState, { refs }: DecideContext): QuestionEvent[] {
  switch (command.type) {
    case 'AskPublicQuestion': {
      const { questionId, meetingId, toBodyId, toPersonId } = command.data;
      ensure(!state.exists, 'already-exists', `Question ${questionId} is already recorded`);
      const meeting = refs.get('meeting', meetingId);
      ensure(meeting?.exists, 'not-found', `Meeting ${meetingId} is not recorded`);
      ensure(meeting.status !== 'cancelled', 'meeting-cancelled', `${meeting.title} was cancelled`);
      ensure(refs.get('body', toBodyId)?.exists, 'not-found', `Body ${toBodyId} is not registered`);
      if (toPersonId) registeredPerson(refs, toPersonId);
      return [{ type: 'PublicQuestionAsked', data: command.data }];
    }
    case 'AnswerPublicQuestion':
      ensure(state.exists, 'not-found', `Question ${command.data.questionId} is not recorded`);
      ensure(
        !state.answer,
        'already-exists',
        `Question ${state.questionId} was answered on ${state.answer?.answeredAt}`,
      );
      registeredPerson(refs, command.data.answeredBy);
      return [{ type: 'PublicQuestionAnswered', data: { ...command.data, meetingId: state.meetingId } }];
    default:
      return assertNever(command, 'question command');
  }
}

export const questionDecider: Decider<QuestionState, QuestionCommand, QuestionEvent> = {
  category: 'question',
  // What fields may hold beyond their kind, so a correction leaves a valid entry.
  fieldValues: { PublicQuestionAsked: { askedOn: DATE } },
  recordedBy: { PublicQuestionAsked: 'AskPublicQuestion', PublicQuestionAnswered: 'AnswerPublicQuestion' },
  initialState: () => ({
    exists: false,
    questionId: '',
    meetingId: '',
    askedBy: '',
    askedOn: '',
    toBodyId: '',
    question: '',
  }),
  decide,
  evolve(state, event) {
    switch (event.type) {
      case 'PublicQuestionAsked':
        return { ...state, ...event.data, exists: true };
      case 'PublicQuestionAnswered':
        return {
          ...state,
          answer: {
            answeredBy: event.data.answeredBy,
            answer: event.data.answer,
            answeredAt: event.occurredAt,
          },
        };
      default:
        return assertNever(event, 'question event');
    }
  },
  streamIdOf: (command) => command.data.questionId,
  referencesOf(command) {
    switch (command.type) {
      case 'AskPublicQuestion':
        return [
          { kind: 'meeting', id: command.data.meetingId },
          { kind: 'body', id: command.data.toBodyId },
          ...(command.data.toPersonId ? [{ kind: 'person' as const, id: command.data.toPersonId }] : []),
        ];
      case 'AnswerPublicQuestion':
        return [{ kind: 'person', id: command.data.answeredBy }];
      default:
        return assertNever(command, 'question command');
    }
  },
  retryOnConflict: (command) => command.type !== 'AskPublicQuestion',
};
