import type { Dispensation } from '@ledger/domain';
import { DateField, LongTextField, TextField } from './fields';
import type { Assert, SameShape } from './type-checks';

/** A dispensation that lets a member with an interest take part all the same. */
export class DispensationDto {
  @TextField({ description: 'Who granted it.', example: 'Standards Committee' })
  grantedBy!: string;

  @DateField({ description: 'When it was granted.', example: '2013-01-10', optional: true })
  grantedOn?: string;

  @LongTextField({
    description: 'Why it was granted.',
    example: 'So many members have the interest that the business could not otherwise be transacted',
  })
  reason!: string;
}

type _Matches = Assert<SameShape<DispensationDto, Dispensation>>;
