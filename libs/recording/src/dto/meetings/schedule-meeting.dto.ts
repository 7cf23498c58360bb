import { BooleanField, DateField, IdField, IdListField, TextField, UrlField } from '../shared/fields';
import type { Assert, CommandData, SameShape } from '../shared/type-checks';

/** Schedules a meeting of one body, or a joint meeting of several. */
export class ScheduleMeetingDto {
  @IdField({ description: 'The id of the new meeting.', example: 'pcc-meeting-2013-01' })
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

  @DateField({ description: 'When it is to be held.', example: '2013-01-31' })
  scheduledFor!: string;

  @TextField({ description: 'Where.', example: 'Police Headquarters, Welwyn Garden City', optional: true })
  place?: string;

  @BooleanField({ description: 'Whether it is open to the public.', example: true })
  public!: boolean;

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
