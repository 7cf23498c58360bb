import type { EpisodeAt } from './hidden-ledger-episode';
import type { HiddenLedgerRecorder } from './hidden-ledger-recorder';

/**
 * The episodes that withhold something from the public from the start: a private meeting, an
 * exempt agenda item, a decision taken in private, and an exempt annex of a public decision.
 */

/**
 * A day on, corrects the hidden entry (a canary in the reason, and in the new text `changes`
 * makes) or retracts it (a canary in the reason), as the episode's follow-up says.
 */
async function followUp(
  r: HiddenLedgerRecorder,
  at: EpisodeAt,
  stream: string,
  eventId: string,
  changes: () => Record<string, unknown>,
) {
  r.nextDay();
  if (at.followUp === 'correct')
    await r.record('correctEvent', {}, { stream, eventId, reason: r.canary('reason'), changes: changes() });
  if (at.followUp === 'retract')
    await r.record('retractEvent', {}, { stream, eventId, reason: r.canary('reason') });
}

/**
 * A private meeting of both police authorities in the alliance: its title, agenda item, an
 * attendee's capacity, the recommendation's rationale, the vote's question and a declared
 * interest, and the decision all carry canaries, and so do a public question and a scrutiny
 * review held at it. Followed up, the recommendation is corrected or retracted.
 */
export async function recordPrivateMeeting(r: HiddenLedgerRecorder, at: EpisodeAt): Promise<void> {
  const { ledger, record, canary, nextDay } = r;
  const { i, proposalId, meetingId } = at;
  ledger.meetings.push(meetingId);
  const voteEventId = `vote-${i}`;
  ledger.votes.push(voteEventId);
  await record(
    'scheduleMeeting',
    {},
    {
      meetingId,
      title: canary('title'),
      // The working group recommends at it: a meeting's entries are done by the bodies it is of.
      bodyIds: ['pa-a', 'pa-b', 'wg'],
      allianceId: 'al',
      scheduledFor: new Date(r.day + 86_400_000).toISOString().slice(0, 10),
      public: false,
    },
  );
  await record(
    'addAgendaItem',
    { meetingId },
    { itemId: 'item', title: canary('item'), proposalId, exempt: false },
  );
  nextDay();
  await record(
    'recordMeetingHeld',
    { meetingId },
    {
      attendees: [
        { personId: 'p-a', bodyId: 'pa-a', capacity: canary('capacity') },
        { personId: 'p-b', bodyId: 'pa-b', capacity: 'chair' },
      ],
    },
  );
  ledger.recommendations.push(`rec-${i}`);
  ledger.decisions.push(`dec-${i}`);
  const rec = await record(
    'issueRecommendation',
    { proposalId },
    {
      recommendationId: `rec-${i}`,
      byBodyId: 'wg',
      toBodyIds: ['pa-a', 'pa-b'],
      content: 'proceed',
      rationale: canary('rationale'),
      meetingId,
    },
  );
  await record(
    'openVote',
    {},
    { voteEventId, proposalId, meetingId, question: canary('question'), allianceId: 'al' },
  );
  await record(
    'castVote',
    { voteEventId },
    { personId: 'p-a', bodyId: 'pa-a', option: 'recused', declaredInterest: canary('interest') },
  );
  await record('castVote', { voteEventId }, { personId: 'p-b', bodyId: 'pa-b', option: 'yes' });
  await record('closeVote', { voteEventId }, {});
  await record(
    'recordDecision',
    { proposalId },
    {
      decisionId: `dec-${i}`,
      bodyId: 'pa-b',
      outcome: 'approve',
      inPublic: false,
      meetingId,
      rationale: canary('decision'),
    },
  );
  // A question and a review at the private meeting: withheld with it, whole.
  ledger.questions.push(`question-${i}`);
  ledger.reviews.push(`review-${i}`);
  await record(
    'askPublicQuestion',
    {},
    {
      questionId: `question-${i}`,
      meetingId,
      askedBy: canary('asker'),
      askedOn: new Date(r.day).toISOString(),
      toBodyId: 'pa-b',
      question: canary('public-question'),
    },
  );
  await record(
    'answerPublicQuestion',
    { questionId: `question-${i}` },
    { answeredBy: 'p-b', answer: canary('answer') },
  );
  await record(
    'reviewDecision',
    {},
    {
      reviewId: `review-${i}`,
      panelBodyId: 'wg',
      proposalId,
      decisionId: `dec-${i}`,
      meetingId,
      findings: canary('findings'),
    },
  );
  await record(
    'makeScrutinyRecommendation',
    { reviewId: `review-${i}` },
    { recommendationId: 'r1', text: canary('scrutiny-recommendation') },
  );
  await record(
    'respondToRecommendation',
    { reviewId: `review-${i}`, recommendationId: 'r1' },
    { respondedBy: 'pa-b', personId: 'p-b', response: 'partly', reasons: canary('response') },
  );
  await followUp(r, at, `proposal-${proposalId}`, rec.eventIds[0], () => ({
    rationale: canary('corrected'),
  }));
}

/**
 * A public meeting with an open agenda item and an exempt one: the exempt item's title and
 * reason, a declaration of interest on it and its exempt annex carry canaries; the open item, the
 * resolution excluding the public and a question asked at the meeting are public. Followed up,
 * the exempt item is corrected, or retracted after the resolution and the declaration that name it.
 */
export async function recordExemptItem(r: HiddenLedgerRecorder, at: EpisodeAt): Promise<void> {
  const { ledger, record, canary, recordDocument } = r;
  const { i, proposalId, meetingId } = at;
  ledger.meetings.push(meetingId);
  await record(
    'scheduleMeeting',
    {},
    {
      meetingId,
      title: `Public meeting ${i}`,
      bodyIds: ['pa-a'],
      scheduledFor: new Date(r.day + 86_400_000).toISOString().slice(0, 10),
      public: true,
    },
  );
  await record(
    'addAgendaItem',
    { meetingId },
    { itemId: 'open', title: `Open item ${i}`, proposalId, exempt: false },
  );
  const item = await record(
    'addAgendaItem',
    { meetingId },
    {
      itemId: 'exempt',
      title: canary('item'),
      proposalId,
      exempt: true,
      exemptionReason: canary('exemption'),
    },
  );
  // A declaration on the exempt item is withheld with it; the resolution excluding the public is not.
  const interest = await record(
    'declareMeetingInterest',
    { meetingId },
    { personId: 'p-a', itemId: 'exempt', type: 'pecuniary', description: canary('interest') },
  );
  const exclusion = await record(
    'excludePublic',
    { meetingId },
    { itemIds: ['exempt'], paragraph: 3, publicInterestReason: 'Contract negotiations' },
  );
  ledger.questions.push(`open-question-${i}`);
  await record(
    'askPublicQuestion',
    {},
    {
      questionId: `open-question-${i}`,
      meetingId,
      askedBy: 'A resident',
      askedOn: new Date(r.day).toISOString(),
      toBodyId: 'pa-a',
      question: `Open question ${i}`,
    },
  );
  // Retracted below (it rests on the item), the annex's record is gone: its content no one reads.
  const content = at.followUp === 'retract' ? r.unreadCanary('document-content') : canary('document-content');
  const annex = await recordDocument(`annex-${i}`, content, {
    title: canary('document'),
    kind: 'annex',
    visibility: 'exempt',
    exemptParagraph: 3,
    meetingId,
    itemId: 'exempt',
  });
  // An item is retracted after what rests on it, last first, as a clerk must: the resolution
  // (public, so its reason is plain), the declaration (withheld with the item) and the document
  // of the item, in a record of its own (the exempt annex, withheld however it ends).
  if (at.followUp === 'retract') {
    r.nextDay();
    const stream = `meeting-${meetingId}`;
    await record(
      'retractEvent',
      {},
      { stream, eventId: exclusion.eventIds[0], reason: `Excluded in error ${i}` },
    );
    await record('retractEvent', {}, { stream, eventId: interest.eventIds[0], reason: canary('reason') });
    if (annex.eventIds.length > 0)
      await record(
        'retractEvent',
        {},
        { stream: `document-annex-${i}`, eventId: annex.eventIds[0], reason: canary('reason') },
      );
  }
  await followUp(r, at, `meeting-${meetingId}`, item.eventIds[0], () => ({ title: canary('corrected') }));
}

/**
 * A decision taken in private: its reference, rationale and register columns carry canaries.
 * Followed up, it is corrected or retracted.
 */
export async function recordPrivateDecision(r: HiddenLedgerRecorder, at: EpisodeAt): Promise<void> {
  const { ledger, record, canary } = r;
  const { i, proposalId } = at;
  ledger.decisions.push(`dec-${i}`);
  const decision = await record(
    'recordDecision',
    { proposalId },
    {
      decisionId: `dec-${i}`,
      bodyId: 'pa-a',
      outcome: 'approve',
      inPublic: false,
      reference: canary('reference'),
      rationale: canary('decision'),
      // The record's register columns (issue 16): a private decision's are withheld with it.
      title: canary('decision-title'),
      postId: 'chair',
      personId: 'p-a',
      delegation: { personId: 'p-b', role: 'Deputy', scheme: canary('scheme') },
    },
  );
  await followUp(r, at, `proposal-${proposalId}`, decision.eventIds[0], () => ({
    rationale: canary('corrected'),
  }));
}

/**
 * A decision taken in public whose record has an exempt annex (Schedule 12A): the
 * decision is public, the annex never is. Its correction restates the annex; a retraction
 * would carry its reason in public, so this episode is corrected or left alone.
 */
export async function recordExemptAnnex(r: HiddenLedgerRecorder, at: EpisodeAt): Promise<void> {
  const { ledger, record, canary, nextDay } = r;
  const { i, proposalId } = at;
  ledger.decisions.push(`dec-${i}`);
  const decision = await record(
    'recordDecision',
    { proposalId },
    {
      decisionId: `dec-${i}`,
      bodyId: 'pa-a',
      outcome: 'approve',
      inPublic: true,
      rationale: `Decided in public ${i}`,
      title: `Decision record ${i}`,
      keyDecision: true,
      exemptAnnex: { paragraph: 3, title: canary('annex-title'), content: canary('annex') },
    },
  );
  if (at.followUp === 'correct') {
    nextDay();
    await record(
      'correctEvent',
      {},
      {
        stream: `proposal-${proposalId}`,
        eventId: decision.eventIds[0],
        reason: 'The annex was incomplete',
        changes: { exemptAnnex: { paragraph: 3, title: 'Terms', content: canary('annex-corrected') } },
      },
    );
  }
}
