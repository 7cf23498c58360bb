import { DateField, IdField, LongTextField } from '../shared/fields';
import type { Assert, CommandData, SameShape } from '../shared/type-checks';

/** A body joins an alliance. */
export class AddAllianceMemberDto {
  @IdField({ description: 'The alliance joined.', example: 'bch-alliance' })
  allianceId!: string;

  @IdField({ description: 'The body that joins.', example: 'pcc-hertfordshire' })
  bodyId!: string;

  @DateField({ description: 'When its membership starts.', example: '2012-11-22' })
  startDate!: string;

  @LongTextField({
    description: 'Why it joined.',
    example: 'Successor of the Hertfordshire Police Authority',
  })
  reason!: string;
}

type _Matches = Assert<SameShape<AddAllianceMemberDto, CommandData<'AddAllianceMember'>>>;
