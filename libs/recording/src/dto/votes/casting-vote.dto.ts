import { CASTING_VOTE_OPTIONS } from '../shared/domain-values';
import { EnumField, IdField } from '../shared/fields';
import type { Assert, CommandData, SameShape } from '../shared/type-checks';

/** The chair's casting vote on a tie. */
export class CastingVoteDto {
  @IdField({ description: 'The chair who cast it.', example: 'graham-bright' })
  personId!: string;

  @EnumField(CASTING_VOTE_OPTIONS, 'CastingVoteOption', { description: 'The casting vote.', example: 'no' })
  option!: (typeof CASTING_VOTE_OPTIONS)[number];
}

type _Matches = Assert<SameShape<CastingVoteDto, NonNullable<CommandData<'CloseVote'>['castingVote']>>>;
