import { IdField, IntField, NestedField } from '../shared/fields';
import type { Assert, CommandData, SameShape } from '../shared/type-checks';

/** A fraction of a body's members. */
export class QuorumFractionDto {
  @IntField({ description: 'The numerator.', example: 1 }, 1, 1000)
  numerator!: number;

  @IntField({ description: 'The denominator (at least the numerator).', example: 4 }, 1, 1000)
  denominator!: number;
}

/** Sets a body's quorum, as its standing orders do: a fraction of its members, a number, or both (the larger counts). */
export class SetQuorumDto {
  @IdField({ description: 'The body.', example: 'police-and-crime-panel-herts' })
  bodyId!: string;

  @NestedField(() => QuorumFractionDto, {
    description: 'A fraction of the whole number of members, rounded up.',
    example: { numerator: 1, denominator: 4 },
    optional: true,
  })
  fraction?: QuorumFractionDto;

  @IntField(
    {
      description: 'A number of members, or the least number when a fraction is given too.',
      example: 3,
      optional: true,
    },
    1,
    1000,
  )
  minimum?: number;
}

type _Matches = Assert<SameShape<SetQuorumDto, CommandData<'SetQuorum'>>>;
