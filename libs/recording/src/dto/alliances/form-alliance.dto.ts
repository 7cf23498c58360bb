import {
  ApproximateField,
  IdField,
  IdListField,
  NestedField,
  TextField,
  UncertainDateField,
} from '../shared/fields';
import type { Assert, CommandData, SameShape } from '../shared/type-checks';
import { DecisionRuleDto } from './decision-rule.dto';

/** Forms an alliance: a named set of member bodies with a decision rule. */
export class FormAllianceDto {
  @IdField({ description: 'The id of the new alliance.', example: 'bch-alliance' })
  allianceId!: string;

  @TextField({
    description: 'Its name.',
    example: 'Bedfordshire, Cambridgeshire and Hertfordshire Strategic Alliance',
  })
  name!: string;

  @NestedField(() => DecisionRuleDto, {
    description: 'How its members reach a collective decision.',
    example: { kind: 'unanimity' },
  })
  decisionRule!: DecisionRuleDto;

  @UncertainDateField(
    { description: 'When it was formed: its founding members belong from then.', example: '2012' },
    'foundingDateApproximate',
  )
  foundingDate!: string;

  @ApproximateField('foundingDate')
  foundingDateApproximate?: boolean;

  @IdListField(
    {
      description: 'The founding member bodies.',
      example: ['pa-bedfordshire', 'pa-cambridgeshire', 'pa-hertfordshire'],
    },
    { min: 1 },
  )
  memberIds!: string[];
}

/** The domain's decisionRule is a union; see DecisionRuleDto for how that is checked. */
type _Matches = Assert<
  SameShape<
    Omit<FormAllianceDto, 'decisionRule'> & { decisionRule: CommandData<'FormAlliance'>['decisionRule'] },
    CommandData<'FormAlliance'>
  >
>;
