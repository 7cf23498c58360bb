import { IdField, TextField } from '../shared/fields';
import type { Assert, CommandData, SameShape } from '../shared/type-checks';

/**
 * Sets the form a body numbers its decision records in, from the command's `occurredAt` on (a
 * new term's register, a new scheme). Decisions dated from then must follow it; earlier ones
 * keep the form in force on their own date.
 */
export class SetDecisionReferenceFormatDto {
  @IdField({ description: 'The body.', example: 'pcc-hertfordshire' })
  bodyId!: string;

  @TextField(
    {
      description:
        'The form: literal text, `{seq:N}` a number of at least N digits (at least one is required), `{year}` four digits.',
      example: 'PCC/D/{year}/{seq:3}',
    },
    100,
  )
  format!: string;
}

type _Matches = Assert<SameShape<SetDecisionReferenceFormatDto, CommandData<'SetDecisionReferenceFormat'>>>;
