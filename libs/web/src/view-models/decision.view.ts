import {
  GetProposalPartQuery,
  GetProposalQuery,
  GetVoteQuery,
  type TimeCut,
  type Viewer,
} from '@ledger/projections';
import type { Named } from './read-shapes';
import { undoneDecision, withSignedOnAsGiven, type DecisionAsGiven } from './decision-dates';
import type { LedgerReader } from './ledger-reader';
import { PageNames } from './names';

/** What the page reads of the decision: the API's answer (DecisionDto), the rest drawn in the template. */
interface DecisionAnswer {
  decisionId: string;
  title?: string;
  reference?: string;
  recommendationId?: string;
  date: string;
  /** Whether `date` is approximate, as the read flags it. */
  dateApproximate: boolean;
  person?: Named;
  signed?: { personId: string; on?: string; person?: Named };
  /** The officer who decided under delegation, by id alone: the page names them. */
  delegation?: { personId: string };
  /** Who declared each interest, by id alone: the page names them. */
  interests?: Array<{ personId: string }>;
  voteEventId?: string;
  undoesDecisionId?: string;
  meetingId?: string;
  [field: string]: unknown;
}

interface ProposalAnswer {
  title: string;
  recommendations?: Array<{ recommendationId: string; [field: string]: unknown }>;
  decisions?: DecisionAsGiven[];
}

/** The vote that carried a decision, as GET /votes/{id} gives it. */
interface VoteAnswer {
  question?: string;
  closed?: boolean;
  result?: string;
  meeting?: { id: string; title: string };
}

/**
 * A decision record as a PCC publishes it, from the API's own queries: the decision (drawn as the
 * viewer may see it, so the public never gets its exempt annex) and the proposal it decides, for
 * its title, the recommendation it acts on and the decision it undoes. The record names people,
 * its meeting and its vote by id: each is read as the viewer may read it (a private meeting's
 * title stays withheld from the public), the id shown when it cannot be.
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
  const [names, vote] = await Promise.all([
    new PageNames(reader, viewer, cut).book({
      person: [
        // The decision-maker, who usually signs, is named by the decision's read already.
        decision.signed?.personId === decision.person?.id ? undefined : decision.signed?.personId,
        decision.delegation?.personId,
        ...(decision.interests ?? []).map((i) => i.personId),
      ],
      meeting: [decision.meetingId],
    }),
    decision.voteEventId === undefined
      ? undefined
      : reader.ask<VoteAnswer>(new GetVoteQuery(decision.voteEventId, cut, viewer)).catch(() => undefined),
  ]);
  const recommendations = proposal.recommendations ?? [];
  return {
    // As decision.njk heads it: its title, or what it decides.
    pageTitle: decision.title ?? `Decision on ${proposal.title}`,
    decision: withSignedOnAsGiven({ ...decision, signed: withSigner(decision, names.person) }),
    names,
    vote,
    undoes: undoneDecision(decision.undoesDecisionId, proposal.decisions),
    proposal: { proposalId, title: proposal.title },
    recommendation: recommendations.find((r) => r.recommendationId === decision.recommendationId),
    cut,
  };
}

/**
 * Who signed the record, by name: the record names the signer by id only. The decision-maker
 * usually signs and is named already; anyone else is named as the viewer may read them.
 */
function withSigner(decision: DecisionAnswer, people: Record<string, string>): DecisionAnswer['signed'] {
  const signed = decision.signed;
  if (!signed || signed.person) return signed;
  if (decision.person?.id === signed.personId) return { ...signed, person: decision.person };
  const name = people[signed.personId];
  return name === undefined ? signed : { ...signed, person: { id: signed.personId, name } };
}
