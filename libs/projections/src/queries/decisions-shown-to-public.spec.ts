import { HERTS_PROPOSAL } from '@ledger/domain';
import type { RecordableCommand } from '@ledger/recording';
import { recordHertsPrivateMeeting } from '../testing/herts-private-meeting';
import { startLedger, type LedgerHarness } from '../testing/ledger-harness';
import { AUDITOR, PUBLIC, type Viewer } from '../visibility';
import { ListDecisionsQuery } from './registers.query';

/**
 * The decisions register tells clerks and auditors whether the public sees each decision: a
 * decision taken at a private meeting has no `inPublic` of its own ("not stated"), yet the public
 * never sees it, and an auditor asking "what did the public learn of this?" should not have to
 * work that out from the meeting.
 */
describe('decisions register: shown to the public', () => {
  let ledger: LedgerHarness;
  const CLERK: Viewer = { role: 'clerk' };
  const SOURCE = { kind: 'test', reference: 'decisions shown to the public spec' };

  beforeAll(async () => {
    ledger = await startLedger();
    await ledger.recordStory();
    let clock = 0;
    for await (const e of ledger.store.readAll()) clock = Math.max(clock, Date.parse(e.metadata.recordedAt));
    ledger.setClock(new Date(clock + 86_400_000).toISOString());
    const record = (command: RecordableCommand, occurredAt: string) =>
      ledger.record(command, { occurredAt, actor: 'clerk:spec', source: SOURCE });
    await recordHertsPrivateMeeting(record);
    const decide = (decisionId: string, extra: Record<string, unknown>, at: string) =>
      record(
        {
          type: 'RecordDecision',
          data: {
            proposalId: HERTS_PROPOSAL,
            decisionId,
            bodyId: 'pcc-hertfordshire',
            postId: 'commissioner',
            personId: 'david-lloyd',
            outcome: 'defer',
            rationale: 'Awaiting bids',
            ...extra,
          },
        },
        at,
      );
    await decide('at-the-private-meeting', { meetingId: 'herts-private' }, '2013-03-02T11:00:00Z');
    await decide('said-to-be-private', { inPublic: false }, '2013-03-04T10:00:00Z');
    await decide('said-to-be-public', { inPublic: true }, '2013-03-05T10:00:00Z');
    await ledger.settle();
  });
  afterAll(() => ledger.close());

  const register = (viewer: Viewer) =>
    ledger.queries.execute<never, { items: Array<Record<string, unknown>> }>(
      new ListDecisionsQuery(
        { bodyId: 'pcc-hertfordshire', proposalId: HERTS_PROPOSAL },
        { limit: 50 },
        {},
        viewer,
      ) as never,
    );
  const ours = ['at-the-private-meeting', 'said-to-be-private', 'said-to-be-public'];

  it.each([
    ['an auditor', AUDITOR],
    ['a clerk', CLERK],
  ])('tells %s which decisions the public sees, whatever hides them', async (_, viewer) => {
    const rows = (await register(viewer)).items.filter((d) => ours.includes(String(d.decisionId)));
    expect(rows.map((d) => [d.decisionId, d.publicity, d.shownToPublic])).toEqual([
      ['at-the-private-meeting', 'not-stated', false],
      ['said-to-be-private', 'private', false],
      ['said-to-be-public', 'public', true],
    ]);
  });

  it('gives the public no such flag: it sees only what is shown to it', async () => {
    const rows = (await register(PUBLIC)).items;
    expect(rows.map((d) => d.decisionId).filter((id) => ours.includes(String(id)))).toEqual([
      'said-to-be-public',
    ]);
    for (const row of rows) expect(row).not.toHaveProperty('shownToPublic');
  });
});
