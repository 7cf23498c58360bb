import type { DependentEntry, NamingRecord, Recorded } from '../shared/decider';
import { dataOf, dependentsIn } from '../shared/named-elsewhere';
import type { BodyEvent } from './body.events';
import type { BodyState } from './body.state';

/** The entries of other records made in a post of a body: a decision naming it, a ballot cast in it. */
const IN_A_POST = new Set(['DecisionRecorded', 'VoteCast']);

/**
 * What rests on a post of a body in other records (Decider.namedElsewhere): the decisions taken
 * and the ballots cast in it, in the proposals and votes that name the body. Its terms of office
 * are the body's own entries, found by deciding them again (shared/corrected-entries.ts), and
 * whatever names the body rests on its registration, which the ledger checks for any record.
 */
export function bodyNamedElsewhere(
  entry: Recorded<BodyEvent>,
  state: BodyState,
  namers: readonly NamingRecord[],
): DependentEntry[] {
  if (entry.type !== 'PostCreated') return [];
  const { bodyId, postId } = entry.data;
  return namers.flatMap((namer) =>
    dependentsIn(
      namer,
      (e) => IN_A_POST.has(e.type) && dataOf(e).bodyId === bodyId && dataOf(e).postId === postId,
      `names post ${postId} of body ${state.bodyId} (postId)`,
    ),
  );
}
