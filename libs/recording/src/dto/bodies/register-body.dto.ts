import type { BodyClassification, BodyPowers } from '@ledger/domain';
import { BODY_CLASSIFICATIONS, BODY_POWERS } from '../shared/domain-values';
import { ApproximateField, EnumField, IdField, TextField, UncertainDateField } from '../shared/fields';
import type { Assert, CommandData, SameShape } from '../shared/type-checks';

/** Registers a body: a police authority, a PCC, a chief constable, a working group, a contractor. */
export class RegisterBodyDto {
  @IdField({ description: 'The id of the new body.', example: 'pa-hertfordshire' })
  bodyId!: string;

  @TextField({
    description: 'The name the public record gives it.',
    example: 'Hertfordshire Police Authority',
  })
  name!: string;

  @EnumField(BODY_CLASSIFICATIONS, 'BodyClassification', {
    description: 'What kind of body it is.',
    example: 'police-authority',
  })
  classification!: BodyClassification;

  @TextField({ description: 'The force or area it serves.', example: 'Hertfordshire', optional: true })
  area?: string;

  @EnumField(BODY_POWERS, 'BodyPowers', {
    description: 'Whether it decides, only advises, or neither (a contractor).',
    example: 'decides',
  })
  powers!: BodyPowers;

  @UncertainDateField(
    {
      description:
        'When it was established. Leave it out when no source states it: a body is then taken to exist at any date before its abolition, and reads show its founding date as not stated.',
      example: '2012-11-22',
      optional: true,
    },
    'foundingDateApproximate',
  )
  foundingDate?: string;

  @ApproximateField('foundingDate')
  foundingDateApproximate?: boolean;

  @IdField({ description: 'The body it belongs to, if any.', example: 'bch-alliance-board', optional: true })
  parentId?: string;

  @TextField({
    description:
      'How its decision records are numbered: literal text, `{seq:N}` a number of at least N digits, `{year}` four digits. A reference a decision gives must then follow it.',
    example: 'PCC/D/{seq:3}',
    optional: true,
  })
  decisionReferenceFormat?: string;
}

type _Matches = Assert<SameShape<RegisterBodyDto, CommandData<'RegisterBody'>>>;
