import type { EpisodeAt, EpisodeKind, Episode } from './hidden-ledger-episode';
import {
  recordLateFoundClaim,
  recordMadePrivateLater,
  recordNotStated,
  recordPublicOnly,
} from './hidden-ledger-open-episodes';
import {
  hiddenLedgerRecorder,
  type HiddenLedger,
  type HiddenLedgerRecorder,
  type RecordOptions,
} from './hidden-ledger-recorder';
import { recordNamedPrivateDecisions } from './hidden-ledger-named-episodes';
import {
  recordExemptAnnex,
  recordExemptItem,
  recordPrivateDecision,
  recordPrivateMeeting,
} from './hidden-ledger-withheld-episodes';
import { recordLateMeetingEpisode } from './late-meeting-episode';
import type { OpenApiClient } from './openapi-client';
import type { TestApp } from './test-app';

/**
 * The hidden ledger's entry, which its importers (the leak and time-travel specs, leak-check,
 * route-crawl) take all of it from: what an episode is, the recorder and the episodes of each
 * kind live in the hidden-ledger-* files, and are put together here.
 */
export { episodeArb, episodesArb, type Episode, type EpisodeKind } from './hidden-ledger-episode';
export type { HiddenLedger, RecordOptions } from './hidden-ledger-recorder';

/** How each kind of episode is recorded, once its proposal is tabled. */
const recordEpisode: Record<EpisodeKind, (r: HiddenLedgerRecorder, at: EpisodeAt) => Promise<void>> = {
  'private-meeting': recordPrivateMeeting,
  'exempt-item': recordExemptItem,
  'private-decision': recordPrivateDecision,
  'named-private-decisions': recordNamedPrivateDecisions,
  'exempt-annex': recordExemptAnnex,
  'made-private-later': recordMadePrivateLater,
  'public-only': recordPublicOnly,
  'late-found-claim': recordLateFoundClaim,
  'late-minutes': (r, { meetingId, proposalId, followUp }) =>
    recordLateMeetingEpisode(r.record, r.ledger, { day: r.day, meetingId, proposalId, followUp }),
  'not-stated': recordNotStated,
};

/** Records a ledger of `episodes` over HTTP as a clerk, each step a minute after the last on the store's clock. */
export async function recordHiddenLedger(
  client: OpenApiClient,
  ctx: TestApp,
  episodes: readonly Episode[],
  tag = 'x',
  options: RecordOptions = {},
): Promise<HiddenLedger> {
  const recorder = hiddenLedgerRecorder(client, ctx, tag, options);
  const { ledger, record, nextDay } = recorder;

  for (const b of ['pa-a', 'pa-b']) {
    await record(
      'registerBody',
      {},
      {
        bodyId: b,
        name: `Police authority ${b}`,
        classification: 'police-authority',
        powers: 'decides',
        foundingDate: '1995-04-01',
      },
    );
    await record('createPost', { bodyId: b }, { postId: 'chair', label: `Chair of ${b}`, role: 'Chair' });
  }
  await record(
    'registerBody',
    {},
    {
      bodyId: 'wg',
      name: 'Working group',
      classification: 'joint-working-group',
      powers: 'advises',
      foundingDate: '2010-01-01',
    },
  );
  for (const [p, b] of [
    ['p-a', 'pa-a'],
    ['p-b', 'pa-b'],
  ]) {
    await record('registerPerson', {}, { personId: p, name: `Person ${p}` });
    await record(
      'appointOfficeHolder',
      { bodyId: b },
      { membershipId: `${p}-m`, postId: 'chair', personId: p, startDate: '2011-01-01' },
    );
  }
  await record(
    'formAlliance',
    {},
    {
      allianceId: 'al',
      name: 'The alliance',
      decisionRule: { kind: 'unanimity' },
      foundingDate: '2011-06-01',
      memberIds: ['pa-a', 'pa-b'],
    },
  );

  // Bodies founded in a year or a month, as a guess (issue 16), for the not-stated episodes:
  // registered with the others, before any date a cut is drawn at, as a founding date lists a
  // body from that date whenever it was recorded.
  for (const [i, episode] of episodes.entries()) {
    if (episode.kind !== 'not-stated' || i % 2 === 0) continue;
    const dated =
      i % 4 === 1 ? { foundingDate: '2011', foundingDateApproximate: true } : { foundingDate: '2011-05' };
    ledger.bodies.push(`ns-body-${i}`);
    await record(
      'registerBody',
      {},
      {
        bodyId: `ns-body-${i}`,
        name: `Body founded ${dated.foundingDate}`,
        classification: 'other',
        powers: 'decides',
        ...dated,
      },
    );
  }

  for (const [i, episode] of episodes.entries()) {
    nextDay();
    const proposalId = `prop-${i}`;
    const meetingId = `meet-${i}`;
    ledger.proposals.push(proposalId);
    await record(
      'tableProposal',
      {},
      {
        proposalId,
        title: `Proposal ${i}`,
        description: 'A proposal',
        scope: ['ICT'],
        tabledBy: 'wg',
        allianceId: 'al',
      },
    );
    await recordEpisode[episode.kind](recorder, { i, proposalId, meetingId, followUp: episode.followUp });
  }
  ctx.setClock(undefined);
  await ctx.settle();
  return ledger;
}
