import { DateField, IdField } from '../shared/fields';
import type { Assert, CommandData, SameShape } from '../shared/type-checks';

/** An office holder's term ends. */
export class RecordOfficeHolderLeftDto {
  @IdField({ description: 'The body whose post it was.', example: 'pcc-hertfordshire' })
  bodyId!: string;

  @IdField({ description: 'The term of office that ends.', example: 'david-lloyd-2012' })
  membershipId!: string;

  @DateField({ description: 'When the term ended.', example: '2021-05-12' })
  endDate!: string;
}

type _Matches = Assert<SameShape<RecordOfficeHolderLeftDto, CommandData<'RecordOfficeHolderLeft'>>>;
