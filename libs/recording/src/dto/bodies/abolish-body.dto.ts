import { DateField, IdField, LongTextField } from '../shared/fields';
import type { Assert, CommandData, SameShape } from '../shared/type-checks';

/** A body ceases to exist, possibly with a successor that takes over its functions. */
export class AbolishBodyDto {
  @IdField({ description: 'The body abolished.', example: 'pa-hertfordshire' })
  bodyId!: string;

  @DateField({ description: 'When it ceased to exist.', example: '2012-11-22' })
  dissolutionDate!: string;

  @IdField({
    description: 'The body that took over its functions, if any.',
    example: 'pcc-hertfordshire',
    optional: true,
  })
  successorId?: string;

  @LongTextField({
    description: 'Why it was abolished.',
    example:
      'Police Reform and Social Responsibility Act 2011: functions passed to the Police and Crime Commissioner',
  })
  reason!: string;
}

type _Matches = Assert<SameShape<AbolishBodyDto, CommandData<'AbolishBody'>>>;
