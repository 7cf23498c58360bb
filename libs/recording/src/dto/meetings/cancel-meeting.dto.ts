import { IdField, LongTextField } from '../shared/fields';
import type { Assert, CommandData, SameShape } from '../shared/type-checks';

/** A meeting is called off. */
export class CancelMeetingDto {
  @IdField({ description: 'The meeting cancelled.', example: 'pcc-g4s-meeting' })
  meetingId!: string;

  @LongTextField({
    description: 'Why it was cancelled.',
    example: 'The business was decided by correspondence',
  })
  reason!: string;
}

type _Matches = Assert<SameShape<CancelMeetingDto, CommandData<'CancelMeeting'>>>;
