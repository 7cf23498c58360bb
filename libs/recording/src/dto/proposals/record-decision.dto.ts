import type { DecisionOutcome } from '@ledger/domain';
import { DECISION_OUTCOMES } from '../shared/domain-values';
import { BooleanField, EnumField, IdField, LongTextField, TextField } from '../shared/fields';
import type { Assert, CommandData, SameShape } from '../shared/type-checks';

/** A body decides on a proposal (a PCC alone, as a corporation sole, or a body at a meeting). */
export class RecordDecisionDto {
  @IdField({ description: 'The proposal decided on.', example: 'g4s-back-office' })
  proposalId!: string;

  @IdField({
    description: 'The id of the decision, unique within the proposal.',
    example: 'discontinue-hertfordshire',
  })
  decisionId!: string;

  @IdField({ description: 'The body that decided.', example: 'pcc-hertfordshire' })
  bodyId!: string;

  @IdField({ description: 'The post of the person who decided.', example: 'commissioner', optional: true })
  postId?: string;

  @IdField({ description: 'The person who decided.', example: 'david-lloyd', optional: true })
  personId?: string;

  @EnumField(DECISION_OUTCOMES, 'DecisionOutcome', { description: 'What was decided.', example: 'reject' })
  outcome!: DecisionOutcome;

  @TextField({ description: "The decision record's number.", example: 'PCC/D/001', optional: true })
  reference?: string;

  @BooleanField({ description: 'Whether it was taken in public.', example: true })
  inPublic!: boolean;

  @IdField({
    description: 'The meeting at which it was taken.',
    example: 'pcc-meeting-2013-01',
    optional: true,
  })
  meetingId?: string;

  @LongTextField({
    description: 'The reasons given.',
    example: 'The G4S framework contract was not suitable for the three forces.',
  })
  rationale!: string;
}

type _Matches = Assert<SameShape<RecordDecisionDto, CommandData<'RecordDecision'>>>;
