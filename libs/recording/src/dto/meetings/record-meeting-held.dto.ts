import { MAX_ATTENDEES } from '../shared/limits';
import {
  ApproximateField,
  DateField,
  IdField,
  NestedField,
  NestedListField,
  PlaceField,
  UrlField,
} from '../shared/fields';
import type { Assert, CommandData, SameShape } from '../shared/type-checks';
import { AttendeeDto } from './attendee.dto';

/** A meeting took place: who chaired it and who attended. */
export class RecordMeetingHeldDto {
  @IdField({ description: 'The meeting held.', example: 'pcc-g4s-meeting' })
  meetingId!: string;

  @PlaceField({
    description: 'Where it was held, if not where scheduled.',
    example: 'Police Headquarters, Hinchingbrooke',
    optional: true,
  })
  place?: string;

  @NestedField(() => AttendeeDto, {
    description: 'Who chaired it.',
    example: { personId: 'graham-bright', bodyId: 'pcc-cambridgeshire', capacity: 'chair' },
    optional: true,
  })
  chair?: AttendeeDto;

  @NestedListField(
    () => AttendeeDto,
    {
      description: 'Who attended (may be empty when the record does not say).',
      example: [
        { personId: 'david-lloyd', bodyId: 'pcc-hertfordshire', capacity: 'Police and Crime Commissioner' },
      ],
    },
    { max: MAX_ATTENDEES },
  )
  attendees!: AttendeeDto[];

  @DateField({
    description: 'When it opened, as the minutes record.',
    example: '2013-01-31T10:00:00Z',
    optional: true,
  })
  startedAt?: string;

  @DateField({
    description: 'When it closed, as the minutes record.',
    example: '2013-01-31T12:15:00Z',
    optional: true,
  })
  endedAt?: string;

  @UrlField({
    description: 'The recording of its webcast, if not where scheduled.',
    example: 'https://www.youtube.com/watch?v=example',
    optional: true,
  })
  webcastUrl?: string;

  /**
   * The day it was held is the entry's occurredAt, at the precision the source gives (2013,
   * 2013-01, 2013-01-31); this flag is the meeting's own, read as heldOnApproximate.
   */
  @ApproximateField('occurredAt (the day it was held)')
  heldOnApproximate?: boolean;
}

type _Matches = Assert<SameShape<RecordMeetingHeldDto, CommandData<'RecordMeetingHeld'>>>;
