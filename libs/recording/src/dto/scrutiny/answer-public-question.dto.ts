import { IdField, LongTextField } from '../shared/fields';
import type { Assert, CommandData, SameShape } from '../shared/type-checks';

/** The answer to a public question, as given (its meeting is the question's). */
export class AnswerPublicQuestionDto {
  @IdField({ description: 'The question answered.', example: 'pcp-2013-02-q1' })
  questionId!: string;

  @IdField({ description: 'Who answered it.', example: 'david-lloyd' })
  answeredBy!: string;

  @LongTextField({
    description: 'The answer as given.',
    example: 'None: the plan concerns back-office services only.',
  })
  answer!: string;
}

type _Matches = Assert<SameShape<AnswerPublicQuestionDto, CommandData<'AnswerPublicQuestion'>>>;
