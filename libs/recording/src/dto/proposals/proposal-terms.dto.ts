import type { ProposalTerms } from '@ledger/domain';
import { LongTextField, TextField, TextListField } from '../shared/fields';
import type { Assert, SameShape } from '../shared/type-checks';

/** The terms' fields, required when tabling and optional when amending. */
const terms = {
  title: (optional: boolean) =>
    TextField({
      description: "The proposal's title.",
      example: 'Outsourcing of organisational support services to G4S',
      optional,
    }),
  description: (optional: boolean) =>
    LongTextField({
      description: 'What is proposed.',
      example: "A full business case for outsourcing the three forces' organisational support services.",
      optional,
    }),
  scope: (optional: boolean) =>
    TextListField({
      description: 'The services in scope.',
      example: ['HR', 'finance', 'ICT', 'procurement'],
      optional,
    }),
  contractor: () =>
    TextField({ description: 'The contractor, if there is one.', example: 'G4S', optional: true }),
  framework: () =>
    TextField({
      description: 'The route to market.',
      example: 'Lincolnshire Police framework contract with G4S',
      optional: true,
    }),
};

/** What a proposal proposes (its title, description, scope, contractor, route to market). */
export class ProposalTermsDto {
  @terms.title(false)
  title!: string;

  @terms.description(false)
  description!: string;

  @terms.scope(false)
  scope!: string[];

  @terms.contractor()
  contractor?: string;

  @terms.framework()
  framework?: string;
}

/** The terms an amendment changes: any of them, at least one. */
export class ProposalTermsChangesDto {
  @terms.title(true)
  title?: string;

  @terms.description(true)
  description?: string;

  @terms.scope(true)
  scope?: string[];

  @terms.contractor()
  contractor?: string;

  @terms.framework()
  framework?: string;
}

type _Matches = [
  Assert<SameShape<ProposalTermsDto, ProposalTerms>>,
  Assert<SameShape<ProposalTermsChangesDto, Partial<ProposalTerms>>>,
];
