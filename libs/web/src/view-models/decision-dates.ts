import { GetProposalQuery, type TimeCut, type Viewer } from '@ledger/projections';
import type { LedgerReader } from './ledger-reader';

/** A decision as a proposal's read lists it, with its date as given (the API's DateAsGiven). */
interface DecisionAsGiven {
  decisionId: string;
  occurredAtApproximate?: boolean;
}

/** What a page shows of a decision's dates: its date, and the day it was signed. */
interface DatedDecision {
  decisionId: string;
  date: string;
  signed?: { on?: string };
}

/** The same, with whether each date is approximate, for the `dateAsGiven` filter. */
export type WithApproximateDates<T extends DatedDecision> = T & {
  dateApproximate: boolean;
  signed?: T['signed'] & { onApproximate?: boolean };
};

/**
 * Whether a decision's dates are approximate. The decision's own date is as its event gives it.
 * The day it was signed carries no flag of its own: a signature dated the same as an approximate
 * decision is that same estimate (the story's records, signed "2013" from undated reports), so it
 * reads as approximate too; a signature on another date is as the clerk entered it.
 */
export function withApproximateDates<T extends DatedDecision>(
  decision: T,
  approximate: boolean,
): WithApproximateDates<T> {
  const signed = decision.signed
    ? { ...decision.signed, onApproximate: approximate && decision.signed.on === decision.date }
    : undefined;
  return { ...decision, dateApproximate: approximate, ...(signed ? { signed } : {}) };
}

/** Which of a proposal's decisions are dated approximately, by decision id. */
export function approximateDecisionIds(decisions: DecisionAsGiven[] | undefined): Set<string> {
  return new Set((decisions ?? []).filter((d) => d.occurredAtApproximate === true).map((d) => d.decisionId));
}

/**
 * A register's decisions (ListDecisions: home, a body's, a person's) with whether each date is
 * approximate. The register's rows do not carry the flag, so each proposal the rows name is read
 * once (GetProposal, at the same cut and as the same viewer), whose decisions give their dates as
 * given. A proposal the viewer may not read leaves its rows' dates as they are.
 */
export async function registerWithApproximateDates<T extends DatedDecision & { proposal: { id: string } }>(
  reader: LedgerReader,
  rows: T[],
  cut: TimeCut,
  viewer: Viewer,
): Promise<Array<WithApproximateDates<T>>> {
  const proposalIds = [...new Set(rows.map((r) => r.proposal.id))];
  const approximate = new Map(
    await Promise.all(
      proposalIds.map(async (id) => {
        const proposal = await reader
          .ask<{ decisions?: DecisionAsGiven[] }>(new GetProposalQuery(id, cut, viewer))
          .catch(() => undefined);
        return [id, approximateDecisionIds(proposal?.decisions)] as const;
      }),
    ),
  );
  return rows.map((r) => withApproximateDates(r, approximate.get(r.proposal.id)?.has(r.decisionId) === true));
}
