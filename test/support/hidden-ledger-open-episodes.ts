import type { EpisodeAt } from './hidden-ledger-episode';
import type { HiddenLedgerRecorder } from './hidden-ledger-recorder';

/**
 * The episodes recorded in the open: a meeting found private after it was recorded as public,
 * a claim found later about a month already past, a meeting whose publicity no source states,
 * and a public-only episode. (A meeting minuted late is in late-meeting-episode.ts.)
 */

/**
 * A meeting recorded as public, then corrected a day on to have been private: its title and
 * item carry canaries, as does the correction's reason. The correction is the episode, so its
 * follow-up is not recorded.
 */
export async function recordMadePrivateLater(r: HiddenLedgerRecorder, at: EpisodeAt): Promise<void> {
  const { ledger, record, canary, nextDay } = r;
  const { proposalId, meetingId } = at;
  ledger.meetings.push(meetingId);
  const scheduled = await record(
    'scheduleMeeting',
    {},
    {
      meetingId,
      title: canary('title'),
      bodyIds: ['pa-b'],
      scheduledFor: new Date(r.day + 86_400_000).toISOString().slice(0, 10),
      public: true,
    },
  );
  await record(
    'addAgendaItem',
    { meetingId },
    { itemId: 'item', title: canary('item'), proposalId, exempt: false },
  );
  nextDay();
  // Found since to have been a private meeting.
  await r.correctToPrivate(meetingId, scheduled.eventIds[0]);
}

/**
 * A recommendation two months on, then a claim found later about the month between:
 * dated before the proposal's latest entry, at month precision, approximate, citing two
 * sources. Every as-of view must count it from the month's first instant.
 */
export async function recordLateFoundClaim(r: HiddenLedgerRecorder, at: EpisodeAt): Promise<void> {
  const { ledger, record } = r;
  const { i, proposalId } = at;
  const tabledOn = r.day;
  ledger.recommendations.push(`rec-${i}`);
  ledger.claims.push(`late-claim-${i}`);
  const rec = await record(
    'issueRecommendation',
    { proposalId },
    {
      recommendationId: `rec-${i}`,
      byBodyId: 'wg',
      toBodyIds: ['pa-a', 'pa-b'],
      content: 'defer',
      rationale: `Open rationale ${i}`,
    },
    new Date(tabledOn + 60 * 86_400_000).toISOString(),
  );
  await record(
    'recordClaim',
    { proposalId },
    {
      claimId: `late-claim-${i}`,
      subject: 'funding-gap',
      amount: 70_000_000 + i,
      unit: 'GBP',
      qualifier: 'about',
      claimant: 'a news report found later',
      statement: `A gap of about £${70 + i}m`,
      occurredAtApproximate: true,
      sources: [
        { kind: 'news-report', reference: `report ${i}`, quote: `about £${70 + i}m` },
        { kind: 'news-report', reference: `another report ${i}`, url: 'https://example.org/r' },
      ],
    },
    new Date(tabledOn + 31 * 86_400_000).toISOString().slice(0, 7),
  );
  if (at.followUp === 'correct')
    await record(
      'correctEvent',
      {},
      {
        stream: `proposal-${proposalId}`,
        eventId: rec.eventIds[0],
        reason: 'A typing error',
        changes: { rationale: `Corrected rationale ${i}` },
      },
      new Date(tabledOn + 61 * 86_400_000).toISOString(),
    );
}

/**
 * What no source states (issue 16): a meeting's publicity (left out) and its day (a month,
 * approximate), of a body with no founding date (registered here: a register lists it
 * from this entry's date) or one founded in a year or month. Not stated is not private:
 * the public sees all of it. Corrected, a source found later says the meeting was
 * private: its publicity is stated after the fact, and it is hidden at every date.
 */
export async function recordNotStated(r: HiddenLedgerRecorder, at: EpisodeAt): Promise<void> {
  const { ledger, record, canary, nextDay } = r;
  const { i, proposalId, meetingId } = at;
  const bodyId = `ns-body-${i}`;
  if (i % 2 === 0) {
    ledger.bodies.push(bodyId);
    await record(
      'registerBody',
      {},
      { bodyId, name: `Body with no founding date ${i}`, classification: 'other', powers: 'decides' },
    );
  }
  ledger.meetings.push(meetingId);
  const madePrivate = at.followUp === 'correct';
  const title = madePrivate ? canary('title') : `Publicity not stated ${i}`;
  const item = madePrivate ? canary('item') : `Item of a meeting not stated ${i}`;
  if (!madePrivate) ledger.shown.push(title, item);
  const scheduled = await record(
    'scheduleMeeting',
    {},
    {
      meetingId,
      title,
      bodyIds: [bodyId],
      scheduledFor: new Date(r.day + 86_400_000).toISOString().slice(0, 7),
      scheduledForApproximate: true,
    },
  );
  await record('addAgendaItem', { meetingId }, { itemId: 'item', title: item, proposalId, exempt: false });
  nextDay();
  await record('recordMeetingHeld', { meetingId }, { attendees: [] });
  if (madePrivate) {
    nextDay();
    await r.correctToPrivate(meetingId, scheduled.eventIds[0]);
  }
}

/**
 * Nothing hidden: a public report, a claim and a recommendation. Corrected, the recommendation
 * is corrected in the open; a retraction is not recorded.
 */
export async function recordPublicOnly(r: HiddenLedgerRecorder, at: EpisodeAt): Promise<void> {
  const { ledger, record, recordDocument } = r;
  const { i, proposalId } = at;
  await recordDocument(`report-${i}`, `Public report ${i}`, {
    title: `Report ${i}`,
    kind: 'report',
    visibility: 'public',
    proposalId,
  });
  ledger.recommendations.push(`rec-${i}`);
  ledger.claims.push(`claim-${i}`);
  await record(
    'recordClaim',
    { proposalId },
    {
      claimId: `claim-${i}`,
      subject: 'staff-affected',
      amount: 1000 + i,
      unit: 'people',
      qualifier: 'about',
      claimant: 'a news report',
      statement: `About ${1000 + i} staff`,
    },
  );
  const rec = await record(
    'issueRecommendation',
    { proposalId },
    {
      recommendationId: `rec-${i}`,
      byBodyId: 'wg',
      toBodyIds: ['pa-a', 'pa-b'],
      content: 'proceed',
      rationale: `Open rationale ${i}`,
    },
  );
  if (at.followUp === 'correct')
    await record(
      'correctEvent',
      {},
      {
        stream: `proposal-${proposalId}`,
        eventId: rec.eventIds[0],
        reason: 'A typing error',
        changes: { rationale: `Corrected rationale ${i}` },
      },
    );
}
