import type { EpisodeAt } from './hidden-ledger-episode';
import type { HiddenLedgerRecorder } from './hidden-ledger-recorder';

/**
 * The episode whose hidden things are ids: decisions the public may not see, each named by an
 * event it may see. Where the other episodes hide a decision's fields, this one hides the
 * decision's very id, which a public event repeats: a rescission's `undoesDecisionId`, a
 * discontinuation's `decisionIds` (libs/projections visibility.ts, decisionShownByKey). Every
 * such id is a canary, so the crawl of every public route finds one wherever it is shown.
 */

/**
 * On the episode's alliance proposal, three decisions taken in private, each in its own way, and
 * the public events that name them:
 *
 * - pa-a approves, carried by a vote at a private meeting (the decision says nothing of its own
 *   publicity: its vote's meeting makes it private), and rescinds that in public;
 * - pa-b rejects at the private meeting, on its day;
 * - pa-a then rejects, recorded as not in public (`inPublic: false`);
 * - the proposal is discontinued in public, naming both rejections.
 *
 * The decisions' ids are canaries, and are not read one by one (the crawl puts an id in the
 * path, and a 404 would echo it); the public rescission is. Followed up, the rejection recorded
 * as private is corrected (a canary in the new rationale and in the reason; the correction is
 * withheld with it), or the discontinuation is retracted (in public, so its reason is plain): the
 * retracted entry still names the ids, for auditors only.
 */
export async function recordNamedPrivateDecisions(r: HiddenLedgerRecorder, at: EpisodeAt): Promise<void> {
  const { ledger, record, canary, nextDay } = r;
  const { i, proposalId, meetingId } = at;
  const voteEventId = `vote-${i}`;
  const undoId = `undo-${i}`;
  const ids = {
    byVote: canary('vote-decision-id'),
    notInPublic: canary('private-decision-id'),
    atMeeting: canary('meeting-decision-id'),
  };
  // What names the hidden ids is public: the public must see it (an empty answer would pass).
  const rescinded = `Rescinded in public (episode ${i})`;
  const discontinuedFor = `Both authorities rejected it (episode ${i})`;
  ledger.shown.push(rescinded, discontinuedFor);
  ledger.meetings.push(meetingId);
  ledger.votes.push(voteEventId);
  ledger.decisions.push(undoId);
  await record(
    'scheduleMeeting',
    {},
    {
      meetingId,
      title: canary('title'),
      bodyIds: ['pa-a', 'pa-b'],
      allianceId: 'al',
      scheduledFor: new Date(r.day + 86_400_000).toISOString().slice(0, 10),
      public: false,
    },
  );
  nextDay();
  await record(
    'recordMeetingHeld',
    { meetingId },
    {
      attendees: [
        { personId: 'p-a', bodyId: 'pa-a', capacity: 'chair' },
        { personId: 'p-b', bodyId: 'pa-b', capacity: 'chair' },
      ],
    },
  );
  await record(
    'openVote',
    {},
    { voteEventId, proposalId, meetingId, question: canary('question'), allianceId: 'al' },
  );
  // Both vote yes: the alliance decides by unanimity, and the approval names the vote as carrying it
  // (a decision agrees with its vote's result: decision-contradicts-vote).
  await record('castVote', { voteEventId }, { personId: 'p-a', bodyId: 'pa-a', option: 'yes' });
  await record('castVote', { voteEventId }, { personId: 'p-b', bodyId: 'pa-b', option: 'yes' });
  await record('closeVote', { voteEventId }, {});
  const decide = (fields: Record<string, unknown>) =>
    record('recordDecision', { proposalId }, { postId: 'chair', ...fields });
  await decide({
    decisionId: ids.byVote,
    bodyId: 'pa-a',
    personId: 'p-a',
    outcome: 'approve',
    voteEventId,
    rationale: `Carried by the vote ${i}`,
  });
  // Taken at the meeting, so dated the day it was held.
  await decide({
    decisionId: ids.atMeeting,
    bodyId: 'pa-b',
    personId: 'p-b',
    outcome: 'reject',
    meetingId,
    rationale: `Rejected at the private meeting ${i}`,
  });
  nextDay();
  await decide({
    decisionId: undoId,
    bodyId: 'pa-a',
    personId: 'p-a',
    outcome: 'rescind',
    inPublic: true,
    undoesDecisionId: ids.byVote,
    rationale: rescinded,
  });
  nextDay();
  const rejected = await decide({
    decisionId: ids.notInPublic,
    bodyId: 'pa-a',
    personId: 'p-a',
    outcome: 'reject',
    inPublic: false,
    rationale: `Rejected in private ${i}`,
  });
  nextDay();
  const discontinued = await record(
    'discontinueProposal',
    { proposalId },
    { decisionIds: [ids.notInPublic, ids.atMeeting], reason: discontinuedFor },
  );
  nextDay();
  if (at.followUp === 'correct')
    await record(
      'correctEvent',
      {},
      {
        stream: `proposal-${proposalId}`,
        eventId: rejected.eventIds[0],
        reason: canary('reason'),
        changes: { rationale: canary('corrected') },
      },
    );
  if (at.followUp === 'retract')
    await record(
      'retractEvent',
      {},
      {
        stream: `proposal-${proposalId}`,
        eventId: discontinued.eventIds[0],
        reason: `Discontinued in error ${i}`,
      },
    );
}
