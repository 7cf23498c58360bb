import { ApproximateField, IdField, LongTextField, UncertainDateField } from '../shared/fields';
import type { Assert, CommandData, SameShape } from '../shared/type-checks';

/** A meeting is put off, to a new date if one is known. */
export class PostponeMeetingDto {
  @IdField({ description: 'The meeting postponed.', example: 'pcc-g4s-meeting' })
  meetingId!: string;

  @LongTextField({ description: 'Why it was postponed.', example: 'The chair was unwell' })
  reason!: string;

  @UncertainDateField(
    { description: 'The new date, if known.', example: '2013-02', optional: true },
    'newDateApproximate',
  )
  newDate?: string;

  @ApproximateField('newDate')
  newDateApproximate?: boolean;
}

type _Matches = Assert<SameShape<PostponeMeetingDto, CommandData<'PostponeMeeting'>>>;
