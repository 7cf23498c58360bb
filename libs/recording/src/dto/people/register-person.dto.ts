import { IdField, TextField } from '../shared/fields';
import type { Assert, CommandData, SameShape } from '../shared/type-checks';

/** Registers a person: an office holder who votes and decides. */
export class RegisterPersonDto {
  @IdField({ description: 'The id of the new person.', example: 'graham-bright' })
  personId!: string;

  @TextField({ description: 'The name as the public record gives it.', example: 'Graham Bright' })
  name!: string;

  @TextField({ description: 'A title before the name.', example: 'Sir', optional: true })
  honorificPrefix?: string;

  @TextField({ description: 'Given name.', example: 'Graham', optional: true })
  givenName?: string;

  @TextField({ description: 'Family name.', example: 'Bright', optional: true })
  familyName?: string;
}

type _Matches = Assert<SameShape<RegisterPersonDto, CommandData<'RegisterPerson'>>>;
