import { DateField, IdField, LongTextField } from '../shared/fields';
import type { Assert, CommandData, SameShape } from '../shared/type-checks';

/** A body leaves an alliance. */
export class RemoveAllianceMemberDto {
  @IdField({ description: 'The alliance left.', example: 'bch-alliance' })
  allianceId!: string;

  @IdField({ description: 'The body that leaves.', example: 'pa-hertfordshire' })
  bodyId!: string;

  @DateField({ description: 'When its membership ends.', example: '2012-11-22' })
  endDate!: string;

  @LongTextField({
    description: 'Why it left.',
    example: 'Abolished by the Police Reform and Social Responsibility Act 2011',
  })
  reason!: string;
}

type _Matches = Assert<SameShape<RemoveAllianceMemberDto, CommandData<'RemoveAllianceMember'>>>;
