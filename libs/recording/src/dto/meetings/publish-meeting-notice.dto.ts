import { DateField, IdField, TextField } from '../shared/fields';
import type { Assert, CommandData, SameShape } from '../shared/type-checks';

/**
 * The notice of a meeting (its agenda) was published; the meeting reports whether it gave five
 * clear days. An informational entry: it may be recorded after the meeting was held, dated when
 * it was published.
 */
export class PublishMeetingNoticeDto {
  @IdField({ description: 'The meeting.', example: 'pcp-herts-2013-02' })
  meetingId!: string;

  @DateField({ description: 'The day it was published.', example: '2013-01-24' })
  publishedOn!: string;

  @TextField({ description: 'The notice as published.', example: 'Agenda, 24 January 2013', optional: true })
  reference?: string;
}

type _Matches = Assert<SameShape<PublishMeetingNoticeDto, CommandData<'PublishMeetingNotice'>>>;
