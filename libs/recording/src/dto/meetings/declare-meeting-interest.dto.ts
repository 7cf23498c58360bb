import { INTEREST_TYPE_VALUES } from '../shared/domain-values';
import { EnumField, IdField, LongTextField, NestedField } from '../shared/fields';
import { DispensationDto } from '../shared/interest.dto';
import type { Assert, CommandData, SameShape } from '../shared/type-checks';

/** A member declares an interest at a meeting, in the whole of it or in one agenda item. */
export class DeclareMeetingInterestDto {
  @IdField({ description: 'The meeting.', example: 'pcp-herts-2013-02' })
  meetingId!: string;

  @IdField({
    description: 'The agenda item, if the interest is in one item.',
    example: 'item-5',
    optional: true,
  })
  itemId?: string;

  @IdField({ description: 'The member who declared it.', example: 'david-lloyd' })
  personId!: string;

  @EnumField(INTEREST_TYPE_VALUES, 'InterestType', {
    description:
      'A disclosable pecuniary interest (without a dispensation the member withdraws and is not counted towards the quorum), or another interest.',
    example: 'other',
  })
  type!: (typeof INTEREST_TYPE_VALUES)[number];

  @LongTextField({
    description: 'The interest, as declared.',
    example: 'A member of the Hertfordshire County Council',
  })
  description!: string;

  @NestedField(() => DispensationDto, {
    description: 'The dispensation that lets the member take part, if one was granted.',
    example: { grantedBy: 'Standards Committee', reason: 'Too many members share the interest' },
    optional: true,
  })
  dispensation?: DispensationDto;
}

type _Matches = Assert<SameShape<DeclareMeetingInterestDto, CommandData<'DeclareMeetingInterest'>>>;
