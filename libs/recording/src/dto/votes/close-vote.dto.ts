import { IdField, NestedField } from '../shared/fields';
import type { Assert, CommandData, SameShape } from '../shared/type-checks';
import { CastingVoteDto } from './casting-vote.dto';

/** Closes a vote; the counts and result are computed by the rule in force. */
export class CloseVoteDto {
  @IdField({ description: 'The vote closed.', example: 'vote-g4s-2013-01' })
  voteEventId!: string;

  @NestedField(() => CastingVoteDto, {
    description: "The chair's casting vote, used only on a tie under a rule that grants it.",
    example: { personId: 'graham-bright', option: 'no' },
    optional: true,
  })
  castingVote?: CastingVoteDto;
}

type _Matches = Assert<SameShape<CloseVoteDto, CommandData<'CloseVote'>>>;
