import type { SpokenBy } from '@ledger/domain';
import { IdField, NestedField, TextField } from '../shared/fields';
import type { Assert, SameShape } from '../shared/type-checks';

/** Who said it, and on whose behalf: a chief executive speaking for a PCC, a contractor's chief executive. */
export class SpokenByDto {
  @TextField({ description: 'The speaker, as the source names them.', example: 'Andrew White' })
  name!: string;

  @TextField({
    description: "The speaker's role, as the source gives it.",
    example: 'chief executive',
    optional: true,
  })
  role?: string;

  @IdField({ description: 'The speaker, when registered.', example: 'andrew-white', optional: true })
  personId?: string;

  @IdField({
    description: 'The body spoken for (a PCC as corporation sole).',
    example: 'pcc-hertfordshire',
    optional: true,
  })
  forBodyId?: string;

  @IdField({
    description:
      'The person spoken for: they must hold an office in that body (or the member taking it forward) on the date.',
    example: 'david-lloyd',
    optional: true,
  })
  forPersonId?: string;
}

/** The optional `spokenBy` of a statement or claim, described once for both. */
export const SpokenByField = (what: string) =>
  NestedField(() => SpokenByDto, {
    description: `Who actually said ${what}, and for whom, when the source names them.`,
    optional: true,
    example: {
      name: 'Andrew White',
      role: 'chief executive',
      forBodyId: 'pcc-hertfordshire',
      forPersonId: 'david-lloyd',
    },
  });

type _Matches = Assert<SameShape<SpokenByDto, SpokenBy>>;
