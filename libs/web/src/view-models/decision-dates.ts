import { GetProposalQuery, type TimeCut, type Viewer } from '@ledger/projections';
import type { LedgerReader } from './ledger-reader';

/** A decision as a proposal's read lists it, with its date as given (the API's DateAsGiven). */
export interface DecisionAsGiven {
  decisionId: string;
  occurredAtApproximate?: boolean;
  reference?: string;
  title?: string;
}

/** The decision another undoes (a rescission's, a revocation's), as a page names it. */
export interface UndoneDecision {
  decisionId: string;
  name: string;
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

/**
 * The decision a record undoes, named by its reference and title as the proposal's read (the
 * reader's own) lists it; by its id alone when that read does not list it.
 */
export function undoneDecision(
  undoesDecisionId: string | undefined,
  decisions: DecisionAsGiven[] | undefined,
): UndoneDecision | undefined {
  if (undoesDecisionId === undefined) return undefined;
  const undone = (decisions ?? []).find((d) => d.decisionId === undoesDecisionId);
  const name = [undone?.reference, undone?.title].filter(Boolean).join(', ');
  return { decisionId: undoesDecisionId, name: name || undoesDecisionId };
}

/** Which of a proposal's decisions are dated approximately, by decision id. */
export function approximateDecisionIds(decisions: DecisionAsGiven[] | undefined): Set<string> {
  return new Set((decisions ?? []).filter((d) => d.occurredAtApproximate === true).map((d) => d.decisionId));
}

/** A register's row as its pages draw it: its dates as given, and the decision it undoes named. */
export type RegisterRow<T extends DatedDecision> = WithApproximateDates<T> & { undoes?: UndoneDecision };

/**
 * A register's decisions (ListDecisions: home, a body's, a person's) with whether each date is
 * approximate, and the decision each undoes named. The register's rows carry neither, so each
 * proposal the rows name is read once (GetProposal, at the same cut and as the same viewer), whose
 * decisions give their dates as given and their references and titles (a decision undoes one of
 * its own proposal's). A proposal the viewer may not read leaves its rows as they are.
 */
export async function registerWithApproximateDates<
  T extends DatedDecision & { proposal: { id: string }; undoesDecisionId?: string },
>(reader: LedgerReader, rows: T[], cut: TimeCut, viewer: Viewer): Promise<Array<RegisterRow<T>>> {
  const proposalIds = [...new Set(rows.map((r) => r.proposal.id))];
  const decisionsOf = new Map(
    await Promise.all(
      proposalIds.map(async (id) => {
        const proposal = await reader
          .ask<{ decisions?: DecisionAsGiven[] }>(new GetProposalQuery(id, cut, viewer))
          .catch(() => undefined);
        const decisions = proposal?.decisions;
        return [id, { decisions, approximate: approximateDecisionIds(decisions) }] as const;
      }),
    ),
  );
  return rows.map((r) => {
    const read = decisionsOf.get(r.proposal.id);
    const dated = withApproximateDates(r, read?.approximate.has(r.decisionId) === true);
    const undoes = undoneDecision(r.undoesDecisionId, read?.decisions);
    return undoes ? { ...dated, undoes } : dated;
  });
}
