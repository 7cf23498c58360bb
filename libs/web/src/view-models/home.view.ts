import { compareDates } from '@ledger/domain';
import { ListDecisionsQuery, ListMeetingsQuery, ListProposalsQuery, type Viewer } from '@ledger/projections';
import type { LedgerReader } from './ledger-reader';

const RECENT = 10;

/** The home page: recent decisions and meetings, proposals by status, and a search by title. */
export async function homeView(reader: LedgerReader, search: string | undefined, viewer: Viewer) {
  const [proposals, decisions, meetings] = await Promise.all([
    reader.all<{
      proposalId: string;
      title: string;
      status: string;
      tabledAt: string;
      waitingFor: Array<{ id: string; name: string }>;
    }>((page) => new ListProposalsQuery({}, page, {}, viewer)),
    reader.all<{ decisionId: string; date: string; dateApproximate: boolean; proposal: { id: string } }>(
      (page) => new ListDecisionsQuery({}, page, {}, viewer),
    ),
    reader.all<{ scheduledFor: string; heldOn?: string }>(
      (page) => new ListMeetingsQuery({}, page, {}, viewer),
    ),
  ]);
  const needle = search?.trim().toLowerCase();
  const found = needle ? proposals.filter((p) => p.title.toLowerCase().includes(needle)) : undefined;
  const byStatus = new Map<string, typeof proposals>();
  for (const p of proposals) byStatus.set(p.status, [...(byStatus.get(p.status) ?? []), p]);
  return {
    // As the page is headed.
    pageTitle: 'What was decided, and when',
    search: search ?? '',
    found,
    statuses: [...byStatus]
      .map(([status, items]) => ({ status, items }))
      .sort((a, b) => a.status.localeCompare(b.status)),
    // Each row flags its own date as approximate; the home page names no decision a row undoes.
    recentDecisions: [...decisions].sort((a, b) => (a.date < b.date ? 1 : -1)).slice(0, RECENT),
    recentMeetings: [...meetings]
      // Latest first; a year or a month counts from its first instant (the cut rule), not as text.
      .sort((a, b) => compareDates(b.heldOn ?? b.scheduledFor, a.heldOn ?? a.scheduledFor))
      .slice(0, RECENT),
  };
}
