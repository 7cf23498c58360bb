import { DateField, IdField } from '../shared/fields';
import type { Assert, CommandData, SameShape } from '../shared/type-checks';

/** A person takes up a post on a body (a Popolo Membership). */
export class AppointOfficeHolderDto {
  @IdField({ description: 'The body whose post it is.', example: 'pcc-hertfordshire' })
  bodyId!: string;

  @IdField({ description: 'The id of this term of office.', example: 'david-lloyd-2012' })
  membershipId!: string;

  @IdField({ description: 'The post taken up.', example: 'commissioner' })
  postId!: string;

  @IdField({ description: 'The person appointed.', example: 'david-lloyd' })
  personId!: string;

  @DateField({ description: 'When the term starts.', example: '2012-11-22' })
  startDate!: string;

  @DateField({ description: 'When the term ends, if already known.', example: '2016-05-12', optional: true })
  endDate?: string;
}

type _Matches = Assert<SameShape<AppointOfficeHolderDto, CommandData<'AppointOfficeHolder'>>>;
