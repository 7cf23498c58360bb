import { DateField, IdField, LongTextField, TextField } from '../shared/fields';
import type { Assert, CommandData, SameShape } from '../shared/type-checks';

/** A member of the public puts a question at a meeting (public question time). */
export class AskPublicQuestionDto {
  @IdField({ description: 'The id of the question.', example: 'pcp-2013-02-q1' })
  questionId!: string;

  @IdField({ description: 'The meeting it was put at.', example: 'pcp-herts-2013-02' })
  meetingId!: string;

  @TextField({
    description: 'The questioner, as the minutes name them.',
    example: 'Mr A. Resident, Stevenage',
  })
  askedBy!: string;

  @DateField({ description: 'When it was submitted.', example: '2013-01-31' })
  askedOn!: string;

  @IdField({ description: 'The body it is put to.', example: 'pcc-hertfordshire' })
  toBodyId!: string;

  @IdField({
    description: 'The office holder it is put to, if named.',
    example: 'david-lloyd',
    optional: true,
  })
  toPersonId?: string;

  @LongTextField({
    description: 'The question as put.',
    example: 'How many police staff posts would move to the contractor?',
  })
  question!: string;
}

type _Matches = Assert<SameShape<AskPublicQuestionDto, CommandData<'AskPublicQuestion'>>>;
