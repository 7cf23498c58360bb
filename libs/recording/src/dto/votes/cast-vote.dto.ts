import type { VoteOption } from '@ledger/domain';
import { VOTE_OPTION_VALUES } from '../shared/domain-values';
import { EnumField, IdField, LongTextField } from '../shared/fields';
import type { Assert, CommandData, SameShape } from '../shared/type-checks';

/** An office holder casts a vote for their body. */
export class CastVoteDto {
  @IdField({ description: 'The vote.', example: 'vote-g4s-2013-01' })
  voteEventId!: string;

  @IdField({ description: 'The office holder voting.', example: 'david-lloyd' })
  personId!: string;

  @IdField({ description: 'The body they vote for.', example: 'pcc-hertfordshire' })
  bodyId!: string;

  @EnumField(VOTE_OPTION_VALUES, 'VoteOption', { description: 'How they voted.', example: 'no' })
  option!: VoteOption;

  @LongTextField({
    description: 'The interest declared (required by the domain when recused).',
    example: 'A relative works for the contractor',
    optional: true,
  })
  declaredInterest?: string;
}

type _Matches = Assert<SameShape<CastVoteDto, CommandData<'CastVote'>>>;
