import { IdField, TextField } from '../shared/fields';
import type { Assert, CommandData, SameShape } from '../shared/type-checks';

/**
 * A meeting's minutes are approved, usually at a later meeting. Minutes are often found late: an
 * informational entry, dated when they were approved even before the meeting's latest entry
 * (never before the meeting was held).
 */
export class ApproveMinutesDto {
  @IdField({ description: 'The meeting whose minutes are approved.', example: 'pcc-g4s-meeting' })
  meetingId!: string;

  @TextField({
    description: 'The minutes as published.',
    example: 'Minutes of the meeting of 31 January 2013',
  })
  minutesReference!: string;

  @IdField({
    description: 'The meeting at which they were approved.',
    example: 'pcc-next-meeting',
    optional: true,
  })
  approvedAtMeetingId?: string;
}

type _Matches = Assert<SameShape<ApproveMinutesDto, CommandData<'ApproveMinutes'>>>;
