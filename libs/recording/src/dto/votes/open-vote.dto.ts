import { IdField, NestedField, TextField } from '../shared/fields';
import type { Assert, CommandData, SameShape } from '../shared/type-checks';
import { MajorityTermsDto } from './majority-terms.dto';

/** Opens a vote on a proposal at a held meeting, by one body (bodyId) or by an alliance (allianceId). */
export class OpenVoteDto {
  @IdField({ description: 'The id of the new vote.', example: 'vote-g4s-2013-01' })
  voteEventId!: string;

  @IdField({ description: 'The proposal voted on.', example: 'g4s-back-office' })
  proposalId!: string;

  @IdField({ description: 'The meeting at which the vote is taken.', example: 'pcc-g4s-meeting' })
  meetingId!: string;

  @TextField({
    description: 'The question put.',
    example: 'That the alliance proceeds with the G4S business case',
  })
  question!: string;

  @IdField({
    description: 'The body voting (one of bodyId and allianceId).',
    example: 'pa-surrey',
    optional: true,
  })
  bodyId?: string;

  @IdField({
    description: 'The alliance voting (one of bodyId and allianceId).',
    example: 'bch-alliance',
    optional: true,
  })
  allianceId?: string;

  @NestedField(() => MajorityTermsDto, {
    description:
      "A body's majority rule; by default a quorum of 1 with the chair's casting vote. An alliance votes by its own rule.",
    example: { quorum: 3, chairHasCastingVote: true },
    optional: true,
  })
  majority?: MajorityTermsDto;
}

type _Matches = Assert<SameShape<OpenVoteDto, CommandData<'OpenVote'>>>;
