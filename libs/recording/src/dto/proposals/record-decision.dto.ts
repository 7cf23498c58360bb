import type { DecisionOutcome, DecisionStage } from '@ledger/domain';
import { MAX_LIST_ITEMS } from '../shared/limits';
import { DECISION_OUTCOMES, DECISION_STAGES } from '../shared/domain-values';
import {
  BooleanField,
  DateField,
  EnumField,
  IdField,
  LongTextField,
  NestedField,
  NestedListField,
  TextField,
} from '../shared/fields';
import {
  DeclaredInterestDto,
  DelegationDto,
  ExemptAnnexDto,
  SignatureDto,
} from './decision-record-parts.dto';
import type { Assert, CommandData, SameShape } from '../shared/type-checks';

/**
 * A body decides on a proposal (a PCC alone, as a corporation sole, or a body at a meeting), with
 * the fields of the decision record a PCC publishes (Elected Local Policing Bodies (Specified
 * Information) Order 2011). A decision moves by stages (in principle, then final; approval, then a
 * contract's award and signature) and a later one may rescind or revoke it.
 */
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

  @EnumField(DECISION_OUTCOMES, 'DecisionOutcome', {
    description:
      'What was decided. `award-contract` and `sign-contract` follow an approval; `rescind` and `revoke` undo the decision named in `undoesDecisionId`.',
    example: 'reject',
  })
  outcome!: DecisionOutcome;

  @EnumField(DECISION_STAGES, 'DecisionStage', {
    description: 'An approval in principle (not yet an approval) or the final decision (the default).',
    example: 'final',
    optional: true,
  })
  stage?: DecisionStage;

  @IdField({
    description: 'The standing decision of the same body a rescission or revocation undoes.',
    example: 'approve-in-principle-2012',
    optional: true,
  })
  undoesDecisionId?: string;

  @TextField({
    description:
      "The decision record's reference, unique for the decision-maker within a term, in the body's format.",
    example: 'PCC/D/001',
    optional: true,
  })
  reference?: string;

  @TextField({
    description: 'The title of the decision record.',
    example: 'Business support services',
    optional: true,
  })
  title?: string;

  @LongTextField({
    description: 'The summary of the decision.',
    example: 'Not to proceed with G4S.',
    optional: true,
  })
  summary?: string;

  @TextField({ description: 'Whose report it acted on.', example: 'Chief Executive', optional: true })
  reportOf?: string;

  @LongTextField({
    description: 'The recommendation it acts on, as the record states it.',
    example: 'That the Commissioner does not proceed with the G4S partnership.',
    optional: true,
  })
  recommendation?: string;

  @IdField({
    description: 'The recorded recommendation it acts on.',
    example: 'jwg-recommendation',
    optional: true,
  })
  recommendationId?: string;

  @NestedField(() => DelegationDto, {
    description: 'The officer who decided under a scheme of delegation, for the post holder named above.',
    optional: true,
    example: {
      personId: 'chief-executive',
      role: 'Chief Executive',
      scheme: 'Scheme of Delegation, para 4.2',
    },
  })
  delegation?: DelegationDto;

  @NestedField(() => SignatureDto, {
    description: 'Who signed the record, and when.',
    optional: true,
    example: { personId: 'graham-bright', on: '2013-01-31' },
  })
  signed?: SignatureDto;

  @DateField({ description: 'When the record was published.', example: '2013-02-04', optional: true })
  publishedOn?: string;

  @BooleanField({ description: 'Whether it is a key decision.', example: true, optional: true })
  keyDecision?: boolean;

  @BooleanField({
    description: 'Whether it is of significant public interest.',
    example: true,
    optional: true,
  })
  significantPublicInterest?: boolean;

  @LongTextField({ description: 'Its financial implications.', example: 'None.', optional: true })
  financialImplications?: string;

  @LongTextField({ description: 'Its legal implications.', example: 'None.', optional: true })
  legalImplications?: string;

  @NestedListField(
    () => DeclaredInterestDto,
    {
      description: "The decision-maker's declared interests, with any dispensation.",
      optional: true,
      example: [{ personId: 'graham-bright', type: 'other', description: 'None' }],
    },
    { max: MAX_LIST_ITEMS },
  )
  interests?: DeclaredInterestDto[];

  @NestedField(() => ExemptAnnexDto, {
    description: 'The exempt annex (Schedule 12A): never shown to the public on any route; auditors read it.',
    optional: true,
    example: { paragraph: 3, title: 'Commercial terms', content: 'Pricing schedule.' },
  })
  exemptAnnex?: ExemptAnnexDto;

  @IdField({ description: 'The vote that carried it.', example: 'vote-2013-01', optional: true })
  voteEventId?: string;

  @BooleanField({
    description:
      'Whether it was taken in public. Leave it out when the source does not say: not stated is not private (only false withholds the decision from the public).',
    example: true,
    optional: true,
  })
  inPublic?: boolean;

  @IdField({
    description: 'The meeting at which it was taken.',
    example: 'pcc-g4s-meeting',
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
