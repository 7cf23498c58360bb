import {
  GetPersonQuery,
  GetProposalPartQuery,
  GetProposalQuery,
  type TimeCut,
  type Viewer,
} from '@ledger/projections';
import type { Named, PersonRead } from './read-shapes';
import { withApproximateDates } from './decision-dates';
import type { LedgerReader } from './ledger-reader';

/** What the page reads of the decision: the API's answer (DecisionDto), the rest drawn in the template. */
interface DecisionAnswer {
  decisionId: string;
  title?: string;
  reference?: string;
  recommendationId?: string;
  date: string;
  occurredAtApproximate?: boolean;
  person?: Named;
  signed?: { personId: string; on?: string; person?: Named };
  [field: string]: unknown;
}

interface ProposalAnswer {
  title: string;
  recommendations?: Array<{ recommendationId: string; [field: string]: unknown }>;
}

/**
 * A decision record as a PCC publishes it, from the API's own queries: the decision (drawn as the
 * viewer may see it, so the public never gets its exempt annex) and the proposal it decides, for
 * its title and the recommendation it acts on.
 */
export async function decisionView(
  reader: LedgerReader,
  proposalId: string,
  decisionId: string,
  cut: TimeCut,
  viewer: Viewer,
) {
  const [decision, proposal] = await Promise.all([
    reader.ask<DecisionAnswer>(new GetProposalPartQuery(proposalId, 'decision', decisionId, cut, viewer)),
    reader.ask<ProposalAnswer>(new GetProposalQuery(proposalId, cut, viewer)),
  ]);
  const recommendations = proposal.recommendations ?? [];
  return {
    // As decision.njk heads it: its title, or what it decides.
    pageTitle: decision.title ?? `Decision on ${proposal.title}`,
    decision: withApproximateDates(
      { ...decision, signed: await withSigner(reader, decision, cut, viewer) },
      decision.occurredAtApproximate === true,
    ),
    proposal: { proposalId, title: proposal.title },
    recommendation: recommendations.find((r) => r.recommendationId === decision.recommendationId),
    cut,
  };
}

/**
 * Who signed the record, by name: the record names the signer by id only. The decision-maker
 * usually signs and is named already; anyone else is read as the viewer may read them.
 */
async function withSigner(
  reader: LedgerReader,
  decision: DecisionAnswer,
  cut: TimeCut,
  viewer: Viewer,
): Promise<DecisionAnswer['signed']> {
  const signed = decision.signed;
  if (!signed || signed.person) return signed;
  if (decision.person?.id === signed.personId) return { ...signed, person: decision.person };
  const person = await reader
    .ask<PersonRead>(new GetPersonQuery(signed.personId, cut, viewer))
    .catch(() => undefined);
  return person ? { ...signed, person: { id: signed.personId, name: person.displayName } } : signed;
}
