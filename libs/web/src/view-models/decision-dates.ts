import { GetProposalQuery, type TimeCut, type Viewer } from '@ledger/projections';
import type { LedgerReader } from './ledger-reader';

/** A decision as a proposal's read lists it: what names it where another undoes it. */
export interface DecisionAsGiven {
  decisionId: string;
  reference?: string;
  title?: string;
}

/** The decision another undoes (a rescission's, a revocation's), as a page names it. */
export interface UndoneDecision {
  decisionId: string;
  name: string;
}

/** A decision's dates as a read gives them: its date with the read's flag, and the day it was signed. */
interface DatedDecision {
  date: string;
  dateApproximate?: boolean;
  signed?: { on?: string };
}

/** The same, with whether the day it was signed is approximate, for the `dateAsGiven` filter. */
export type WithSignedOnAsGiven<T extends DatedDecision> = T & {
  signed?: T['signed'] & { onApproximate?: boolean };
};

/**
 * Whether the day a decision was signed is approximate: the one date the reads give no flag for.
 * A signature dated the same as an approximate decision is that same estimate (the story's
 * records, signed "2013" from undated reports), so it reads as approximate too; a signature on
 * another date is as the clerk entered it. The decision's own date keeps the read's flag.
 */
export function withSignedOnAsGiven<T extends DatedDecision>(decision: T): WithSignedOnAsGiven<T> {
  if (!decision.signed) return decision;
  const onApproximate = decision.dateApproximate === true && decision.signed.on === decision.date;
  return { ...decision, signed: { ...decision.signed, onApproximate } };
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

/** A register's row as its pages draw it: its dates as given, and the decision it undoes named. */
export type RegisterRow<T extends DatedDecision> = WithSignedOnAsGiven<T> & { undoes?: UndoneDecision };

/**
 * A register's decisions (ListDecisions: home, a body's, a person's) as its pages draw them: each
 * row gives its date's flag itself; the day it was signed is judged here (withSignedOnAsGiven).
 * A row names the decision it undoes by id alone, so the proposal of each row that undoes one is
 * read once (GetProposal, at the same cut and as the same viewer) for its reference and title (a
 * decision undoes one of its own proposal's); rows that undo nothing need no further read. A
 * proposal the viewer may not read names the undone decision by its id.
 */
export async function registerAsGiven<
  T extends DatedDecision & { decisionId: string; proposal: { id: string }; undoesDecisionId?: string },
>(reader: LedgerReader, rows: T[], cut: TimeCut, viewer: Viewer): Promise<Array<RegisterRow<T>>> {
  const proposalIds = [
    ...new Set(rows.filter((r) => r.undoesDecisionId !== undefined).map((r) => r.proposal.id)),
  ];
  const decisionsOf = new Map(
    await Promise.all(
      proposalIds.map(async (id) => {
        const proposal = await reader
          .ask<{ decisions?: DecisionAsGiven[] }>(new GetProposalQuery(id, cut, viewer))
          .catch(() => undefined);
        return [id, proposal?.decisions] as const;
      }),
    ),
  );
  return rows.map((r) => {
    const dated = withSignedOnAsGiven(r);
    const undoes = undoneDecision(r.undoesDecisionId, decisionsOf.get(r.proposal.id));
    return undoes ? { ...dated, undoes } : dated;
  });
}
