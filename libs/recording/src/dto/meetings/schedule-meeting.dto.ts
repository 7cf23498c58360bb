import {
  ApproximateField,
  BooleanField,
  IdField,
  IdListField,
  PlaceField,
  TextField,
  UncertainDateField,
  UrlField,
} from '../shared/fields';
import type { Assert, CommandData, SameShape } from '../shared/type-checks';

/** Schedules a meeting of one body, or a joint meeting of several. */
export class ScheduleMeetingDto {
  @IdField({ description: 'The id of the new meeting.', example: 'pcc-g4s-meeting' })
  meetingId!: string;

  @TextField({
    description: 'Its title.',
    example: 'Police and Crime Commissioners of the Strategic Alliance',
  })
  title!: string;

  @IdListField(
    {
      description: 'The bodies that hold it.',
      example: ['pcc-bedfordshire', 'pcc-cambridgeshire', 'pcc-hertfordshire'],
    },
    { min: 1 },
  )
  bodyIds!: string[];

  @IdField({
    description: 'The alliance it is a meeting of, if any.',
    example: 'bch-alliance',
    optional: true,
  })
  allianceId?: string;

  @UncertainDateField(
    { description: 'When it is to be held (or was, when recorded afterwards).', example: '2013' },
    'scheduledForApproximate',
  )
  scheduledFor!: string;

  @ApproximateField('scheduledFor')
  scheduledForApproximate?: boolean;

  @PlaceField({ description: 'Where.', example: 'Police Headquarters, Welwyn Garden City', optional: true })
  place?: string;

  @BooleanField({
    description:
      'Whether it is open to the public: true, or false for a meeting held in private. Leave it out when the source does not say: publicity not stated is not private (only false withholds the meeting from the public), and reads show it as not stated.',
    example: true,
    optional: true,
  })
  public?: boolean;

  @UrlField({
    description: 'Where it will be broadcast, if it is.',
    example: 'https://www.youtube.com/@HertsPCC/streams',
    optional: true,
  })
  webcastUrl?: string;

  @UrlField({
    description: 'Where its agenda and reports are published.',
    example: 'https://www.hertscommissioner.gov.uk/meetings',
    optional: true,
  })
  documentsUrl?: string;
}

type _Matches = Assert<SameShape<ScheduleMeetingDto, CommandData<'ScheduleMeeting'>>>;
