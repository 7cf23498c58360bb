import { BooleanField, IntField } from '../shared/fields';
import type { Assert, CommandData, SameShape } from '../shared/type-checks';

/** The majority rule a body's vote is taken under. */
export class MajorityTermsDto {
  @IntField({ description: 'How many must be present and voting.', example: 3 }, 0, 10_000)
  quorum!: number;

  @BooleanField({ description: "Whether the chair's casting vote decides a tie.", example: true })
  chairHasCastingVote!: boolean;
}

type _Matches = Assert<SameShape<MajorityTermsDto, NonNullable<CommandData<'OpenVote'>['majority']>>>;
