import { DateField, IdField, LongTextField } from '../shared/fields';
import type { Assert, CommandData, SameShape } from '../shared/type-checks';

/** A body puts off its consideration of a proposal. */
export class DeferProposalDto {
  @IdField({ description: 'The proposal deferred.', example: 'surrey-privatisation' })
  proposalId!: string;

  @IdField({ description: 'The body that defers it.', example: 'pa-surrey' })
  byBodyId!: string;

  @LongTextField({ description: 'Why it was deferred.', example: "The company's Olympic failure" })
  reason!: string;

  @DateField({ description: 'Until when, if a date was given.', example: '2013-01-31', optional: true })
  until?: string;

  @IdField({
    description: 'The meeting at which it was deferred.',
    example: 'pa-surrey-2012-07',
    optional: true,
  })
  meetingId?: string;
}

type _Matches = Assert<SameShape<DeferProposalDto, CommandData<'DeferProposal'>>>;
