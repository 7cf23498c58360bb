import type {
  DecisionRecordFields,
  DeclaredInterest,
  Delegation,
  ExemptAnnex,
  InterestType,
} from '@ledger/domain';
import { INTEREST_TYPE_VALUES } from '../shared/domain-values';
import { DispensationDto } from '../shared/interest.dto';
import {
  EnumField,
  IdField,
  IntField,
  LongTextField,
  NestedField,
  OccurredAtField,
  TextField,
} from '../shared/fields';
import type { Assert, SameShape } from '../shared/type-checks';

/** Who signed a decision record, and when. */
export class SignatureDto {
  @IdField({
    description: 'The person who signed: the decision-maker, or the officer under delegation.',
    example: 'graham-bright',
  })
  personId!: string;

  // As precisely as the source gives it: a report may say only the year a record was signed.
  @OccurredAtField({ description: 'When it was signed.', example: '2013-01-31' })
  on!: string;
}

/** An interest the decision-maker declared (pecuniary or other). */
export class DeclaredInterestDto {
  @IdField({ description: 'Who declared it.', example: 'graham-bright' })
  personId!: string;

  @EnumField(INTEREST_TYPE_VALUES, 'InterestType', { description: 'The type of interest.', example: 'other' })
  type!: InterestType;

  @LongTextField({ description: 'The interest as declared.', example: 'None' })
  description!: string;

  @NestedField(() => DispensationDto, {
    description: 'The dispensation, if one was granted.',
    optional: true,
    example: {
      grantedBy: 'Monitoring Officer',
      grantedOn: '2013-01-10',
      reason: 'Shared by every tax payer.',
    },
  })
  dispensation?: DispensationDto;
}

/** The part of a record withheld from the public: never shown on any public route, read by auditors only. */
export class ExemptAnnexDto {
  @IntField(
    {
      description: 'The paragraph of Schedule 12A to the Local Government Act 1972 that exempts it (1 to 7).',
      example: 3,
    },
    1,
    7,
  )
  paragraph!: number;

  @TextField({ description: 'What the annex is (shown to auditors only).', example: 'Commercial terms' })
  title!: string;

  @LongTextField({
    description: 'The exempt information itself (auditors only).',
    example: 'Pricing schedule.',
  })
  content!: string;
}

/** An officer deciding under a scheme of delegation, on behalf of the post holder the decision names. */
export class DelegationDto {
  @IdField({ description: 'The officer who decided.', example: 'chief-executive-cambridgeshire' })
  personId!: string;

  @TextField({ description: "The officer's role.", example: 'Chief Executive' })
  role!: string;

  @TextField({
    description: 'The scheme and paragraph the power comes from.',
    example: 'Scheme of Delegation, para 4.2',
  })
  scheme!: string;
}

type _Matches = [
  Assert<SameShape<SignatureDto, NonNullable<DecisionRecordFields['signed']>>>,
  Assert<SameShape<DeclaredInterestDto, DeclaredInterest>>,
  Assert<SameShape<ExemptAnnexDto, ExemptAnnex>>,
  Assert<SameShape<DelegationDto, Delegation>>,
];
