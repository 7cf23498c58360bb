import { noticeReport, quorumReport, type AggregateStates, type References } from '@ledger/domain';
import type { PublicEvents } from '../read-model/read-model.db';
import { seesEverything, type Viewer } from '../visibility';

/**
 * How a meeting was run, for its read: times, links, the quorum from the recorded attendance,
 * the notice and its clear days, the resolutions excluding the public, and the interests
 * declared. Only what was recorded appears (a meeting recorded before these existed reads as it
 * did). The public sees every resolution (its paragraph and reason, as councils publish it) but
 * not which withheld items it covers, and no declaration made on a withheld item.
 */
export function meetingConduct(
  state: AggregateStates['meeting'],
  refs: References,
  viewer: Viewer,
  hiddenNow: PublicEvents,
) {
  const all = seesEverything(viewer);
  const shownItem = (itemId: string) =>
    all ||
    (state.agenda.some((i) => i.itemId === itemId && !i.exempt) &&
      !hiddenNow.isWithheldItem(state.meetingId, itemId));
  const quorum = quorumReport(state, refs);
  const interests = state.interests
    .filter((i) => all || (!i.onExemptItem && (i.itemId === undefined || shownItem(i.itemId))))
    .map(({ personId, type, description, dispensation, itemId }) => ({
      personId,
      type,
      description,
      dispensation,
      itemId,
    }));
  const exclusions = state.exclusions.map(({ paragraph, publicInterestReason, itemIds }) => ({
    paragraph,
    publicInterestReason,
    itemCount: itemIds.length,
    itemIds: all ? itemIds : undefined,
  }));
  return {
    startedAt: state.startedAt,
    endedAt: state.endedAt,
    webcastUrl: state.webcastUrl,
    documentsUrl: state.documentsUrl,
    quorum:
      quorum.quorate === undefined
        ? undefined
        : { ...quorum, inquorateItems: quorum.inquorateItems.filter(shownItem) },
    notice: state.notice && noticeReport(state.notice, state.scheduledFor),
    exclusions: exclusions.length ? exclusions : undefined,
    interests: interests.length ? interests : undefined,
  };
}
