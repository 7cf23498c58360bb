import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { PCC_MEETING } from '@ledger/domain';
import { ALLIANCE_VOTE, recordAllianceVote } from '../support/alliance-vote';
import { OpenApiClient } from '../support/openapi-client';
import { recordStoryOverHttp } from '../support/story-over-http';
import { startTestApp, type TestApp } from '../support/test-app';
import { PRIVATE_FIXTURE_MEETING, STORY_WITH_PRIVATE_MEETING } from '@ledger/recording/testing';

const EXEMPT_ITEM = 'Findings of the review of the G4S contract to date';

describe('meetings as Open Civic Data events', () => {
  let ctx: TestApp;
  let client: OpenApiClient;
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  const validate = ajv.compile(
    JSON.parse(readFileSync(join(__dirname, '../support/ocd-schemas/event.json'), 'utf8')),
  );
  beforeAll(async () => {
    ctx = await startTestApp();
    client = await OpenApiClient.generate(ctx.app);
    // With a test-only private meeting and exempt item: the story itself has none.
    await recordStoryOverHttp(client, ctx, STORY_WITH_PRIVATE_MEETING);
    await recordAllianceVote(client, ctx);
  });
  afterAll(async () => ctx.stop());

  const events = async (query: Record<string, string> = {}, token?: string) => {
    const res = await client.call('exportOcdEvents', { query, ...(token ? { token } : {}) });
    expect(res.status).toBe(200);
    return res.body as any[];
  };
  const byLedgerId = (list: any[], id: string) => list.find((e) => e.extras.ledger_meeting_id === id);

  it('the schema refuses what OCD does not allow', () => {
    expect(
      validate({
        _type: 'event',
        id: 'ocd-event/x',
        name: 'n',
        start_date: '2013',
        all_day: true,
        status: 'held',
        classification: 'c',
        location: { name: '' },
        sources: [],
      }),
    ).toBe(false);
  });

  for (const viewer of ['public', 'auditor'] as const) {
    it(`every meeting validates against the OCD event schema, as ${viewer}`, async () => {
      const list = await events({}, viewer === 'auditor' ? ctx.tokens.auditor : undefined);
      expect(list.length).toBeGreaterThanOrEqual(4);
      for (const e of list)
        expect([e.extras.ledger_meeting_id, validate(e) ? [] : validate.errors]).toEqual([
          e.extras.ledger_meeting_id,
          [],
        ]);
    });
  }

  it('holds agenda items in order, participants, documents and sources', async () => {
    const list = await events();
    const pcc = byLedgerId(list, PCC_MEETING);
    expect(pcc).toMatchObject({ status: 'passed', all_day: true, classification: 'committee-meeting' });
    expect(pcc.agenda).toEqual([
      expect.objectContaining({
        order: '1',
        description: 'Outsourcing to G4S through the Lincolnshire framework',
        related_entities: [{ name: 'g4s-back-office', entity_type: 'bill', note: 'consideration' }],
      }),
    ]);
    expect(pcc.participants).toContainEqual({
      name: 'Sir Graham Bright',
      entity_type: 'person',
      note: 'chair',
    });
    expect(pcc.participants.filter((p: any) => p.note === 'host')).toHaveLength(3);
    expect(pcc.sources.length).toBeGreaterThan(0);
    const vote = byLedgerId(list, ALLIANCE_VOTE.meetingId);
    expect(vote).toMatchObject({
      start_date: '2013-06-03',
      location: { name: 'Police Headquarters, Hinchingbrooke' },
    });
    expect(vote.sources).toContainEqual({
      url: 'https://example.org/minutes/2013-06',
      note: 'minutes: Minutes of the PCCs, item 1',
    });
    // The same meeting has the same OCD id in every export.
    expect((await events())[list.indexOf(pcc)].id).toBe(pcc.id);
  });

  it('shows the public a private meeting only as having taken place, and no exempt item', async () => {
    const pub = await events();
    const aud = await events({}, ctx.tokens.auditor);
    expect(JSON.stringify(aud)).toContain(EXEMPT_ITEM);
    expect(JSON.stringify(pub)).not.toContain(EXEMPT_ITEM);
    expect(byLedgerId(pub, PRIVATE_FIXTURE_MEETING)).toMatchObject({
      name: 'Private meeting',
      agenda: [],
      sources: [],
    });
  });

  it('is cut like the meetings register, and refuses a bad filter', async () => {
    const before = await events({ asOf: '2012-09-01' });
    expect(before.map((e) => e.extras.ledger_meeting_id)).not.toContain(PCC_MEETING);
    const bad = await client.call('exportOcdEvents', { query: { bodyId: 'not an id!' } });
    expect([bad.status, bad.body.errors.map((e: any) => e.field)]).toEqual([400, ['bodyId']]);
  });
});
