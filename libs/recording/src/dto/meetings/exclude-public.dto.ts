import { IdField, IdListField, IntField, LongTextField } from '../shared/fields';
import type { Assert, CommandData, SameShape } from '../shared/type-checks';

/**
 * A resolution to exclude the public for exempt items (Local Government Act 1972 s.100A(4)). It
 * is published; the items it covers stay withheld.
 */
export class ExcludePublicDto {
  @IdField({ description: 'The meeting.', example: 'cc-g4s-review-meeting' })
  meetingId!: string;

  @IdListField({ description: 'The exempt agenda items it covers.', example: ['item-7'] }, { min: 1 })
  itemIds!: string[];

  @IntField(
    {
      description:
        'The paragraph of Schedule 12A to the Local Government Act 1972 (1 to 7) that makes them exempt.',
      example: 3,
    },
    1,
    7,
  )
  paragraph!: number;

  @LongTextField({
    description:
      'Why the public interest in keeping the information exempt outweighs the public interest in disclosing it.',
    example: 'Disclosure would prejudice negotiations for a contract still being let',
  })
  publicInterestReason!: string;
}

type _Matches = Assert<SameShape<ExcludePublicDto, CommandData<'ExcludePublic'>>>;
