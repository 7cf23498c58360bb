import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { ALLIANCE_VOTE, recordAllianceVote } from '../support/alliance-vote';
import { OpenApiClient } from '../support/openapi-client';
import { recordStoryOverHttp } from '../support/story-over-http';
import { startTestApp, type TestApp } from '../support/test-app';
import {
  PRIVATE_FIXTURE_MEETING,
  PRIVATE_FIXTURE_TITLE,
  STORY_WITH_PRIVATE_MEETING,
} from '@ledger/recording/testing';

const SCHEMAS = join(__dirname, '../support/popolo-schemas');
const FORCES = ['bedfordshire', 'cambridgeshire', 'hertfordshire'];
const PRIVATE_MEETING_TITLE = PRIVATE_FIXTURE_TITLE;

/** The Popolo classes' JSON Schemas the project keeps, written from the specification. */
function popoloValidator() {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  for (const file of readdirSync(SCHEMAS))
    ajv.addSchema(JSON.parse(readFileSync(join(SCHEMAS, file), 'utf8')));
  return (name: string, value: unknown) => {
    const validate = ajv.getSchema(`https://www.popoloproject.com/schemas/${name}.json`)!;
    return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  };
}

describe('Popolo export of the seed story', () => {
  let ctx: TestApp;
  let client: OpenApiClient;
  const validate = popoloValidator();
  beforeAll(async () => {
    ctx = await startTestApp();
    client = await OpenApiClient.generate(ctx.app);
    // With a test-only private meeting and exempt item: the story itself has none.
    await recordStoryOverHttp(client, ctx, STORY_WITH_PRIVATE_MEETING);
    await recordAllianceVote(client, ctx);
  });
  afterAll(async () => ctx.stop());

  const exported = async (query: Record<string, string> = {}, token?: string) => {
    const res = await client.call('exportPopolo', { query, ...(token ? { token } : {}) });
    expect(res.status).toBe(200);
    return res.body;
  };

  it('the schemas refuse what Popolo does not allow', () => {
    expect(validate('organization', { id: 'x', name: 'X', founding_date: '12 May 1995' })).not.toEqual([]);
    expect(validate('organization', { id: 'x', name: 'X', dissolutionDate: '2012' })).not.toEqual([]);
    expect(validate('membership', { id: 'm', organization_id: 'o', start_date: '2012-11' })).toEqual([]);
    expect(validate('vote_event', { id: 'v', counts: [{ option: 'yes', value: -1 }] })).not.toEqual([]);
  });

  for (const viewer of ['public', 'auditor'] as const) {
    it(`validates against the Popolo schemas, each object of each class, as ${viewer}`, async () => {
      const doc = await exported({}, viewer === 'auditor' ? ctx.tokens.auditor : undefined);
      expect(validate('popolo', doc)).toEqual([]);
      for (const [collection, objects] of Object.entries(
        doc as Record<string, Array<{ id: string; sources: unknown[] }>>,
      )) {
        expect([collection, objects.length > 0]).toEqual([collection, true]);
        // Every object says where its facts come from; of a private meeting the public sees only that it took place, not its sources.
        const withheld = (o: { id: string }) => viewer === 'public' && o.id === PRIVATE_FIXTURE_MEETING;
        for (const o of objects)
          expect([collection, o.id, o.sources.length > 0]).toEqual([collection, o.id, !withheld(o)]);
      }
    });
  }

  it('holds the three PCCs, their posts and office holders, and the authorities they succeeded', async () => {
    const doc = await exported();
    const org = (id: string) => doc.organizations.find((o: any) => o.id === id);
    for (const f of FORCES) {
      expect(org(`pcc-${f}`)).toMatchObject({
        classification: 'police-and-crime-commissioner',
        founding_date: '2012-11-22',
      });
      expect(org(`pa-${f}`)).toMatchObject({
        dissolution_date: '2012-11-22',
        links: [{ url: `#pcc-${f}`, note: 'successor' }],
      });
      expect(doc.posts).toContainEqual(
        expect.objectContaining({
          id: `pcc-${f}/commissioner`,
          organization_id: `pcc-${f}`,
          label: `Police and Crime Commissioner for ${f[0].toUpperCase()}${f.slice(1)}`,
        }),
      );
      const holder = doc.memberships.find((m: any) => m.organization_id === `pcc-${f}`);
      expect(holder).toMatchObject({
        post_id: `pcc-${f}/commissioner`,
        start_date: '2012-11-22',
        role: 'Police and Crime Commissioner',
      });
      expect(doc.persons.map((p: any) => p.id)).toContain(holder.person_id);
    }
    expect(org('bch-alliance')).toMatchObject({ classification: 'alliance' });
  });

  it("holds the alliance's motions and vote events, with the rule's requirement, counts, group results and each vote", async () => {
    const doc = await exported();
    expect(doc.motions.find((m: any) => m.id === 'g4s-back-office')).toMatchObject({
      classification: 'proposal',
      organization_id: 'bch-alliance',
      requirement: 'unanimity of the members',
      result: 'discontinued',
    });
    const vote = doc.vote_events.find((v: any) => v.id === ALLIANCE_VOTE.voteEventId);
    // Unanimity of the alliance's members: the three chief constables did not vote, so it fails.
    expect(vote).toMatchObject({
      organization_id: 'bch-alliance',
      legislative_session_id: ALLIANCE_VOTE.meetingId,
      start_date: '2013-06-03',
      result: 'fail',
    });
    expect(vote.counts).toContainEqual({ option: 'yes', value: 3 });
    expect(vote.counts).toContainEqual({ option: 'absent', value: 3 });
    expect(vote.group_results.map((g: any) => [g.group.id, g.result]).sort()).toEqual(
      [...FORCES.map((f) => [`cc-${f}`, 'absent']), ...FORCES.map((f) => [`pcc-${f}`, 'pass'])].sort(),
    );
    expect(vote.votes.map((v: any) => [v.voter_id, v.option, v.group_id]).sort()).toEqual([
      ['david-lloyd', 'yes', 'pcc-hertfordshire'],
      ['graham-bright', 'yes', 'pcc-cambridgeshire'],
      ['olly-martins', 'yes', 'pcc-bedfordshire'],
    ]);
    expect(doc.motions.find((m: any) => m.id === vote.motion_id)).toMatchObject({
      classification: 'question',
      requirement: 'unanimity of the members',
      result: 'fail',
      text: 'That the alliance set up a shared ICT service',
    });
    expect(doc.events.find((e: any) => e.id === ALLIANCE_VOTE.meetingId)).toMatchObject({
      classification: 'meeting',
      start_date: '2013-06-03',
      location: 'Police Headquarters, Hinchingbrooke',
      organization_id: 'bch-alliance',
    });
    expect(vote.sources).toContainEqual({
      url: 'https://example.org/minutes/2013-06',
      note: 'minutes: Minutes of the PCCs, item 1',
    });
  });

  it('shows the public only what it may see: a private meeting only as having taken place', async () => {
    const pub = JSON.stringify(await exported());
    const aud = JSON.stringify(await exported({}, ctx.tokens.auditor));
    expect(aud).toContain(PRIVATE_MEETING_TITLE);
    expect(pub).not.toContain(PRIVATE_MEETING_TITLE);
    expect(pub).toContain(`"id":"${PRIVATE_FIXTURE_MEETING}","name":"Private meeting"`);
  });

  it('is cut by asOf and knownAt like any read', async () => {
    const before = await exported({ asOf: '2012-09-01' });
    expect(before.organizations.map((o: any) => o.id)).not.toContain('pcc-bedfordshire');
    expect(
      before.organizations.find((o: any) => o.id === 'pa-bedfordshire').dissolution_date,
    ).toBeUndefined();
    expect(before.memberships).toEqual([]);
    expect(before.vote_events).toEqual([]);
    expect(validate('popolo', before)).toEqual([]);
    const known = await exported({ knownAt: '2013-02-04T10:20:00Z' });
    expect(known.events.map((e: any) => e.id)).toContain('pcc-g4s-meeting');
    expect(known.events.find((e: any) => e.id === 'pcc-g4s-meeting').status).not.toBe('held');
    expect(known.motions.find((m: any) => m.id === 'g4s-back-office').result).not.toBe('discontinued');
  });

  it('answers a bad cut as a problem naming it', async () => {
    const res = await client.call('exportPopolo', { query: { asOf: 'yesterday' } });
    expect([res.status, res.body.errors.map((e: any) => e.field)]).toEqual([400, ['asOf']]);
  });
});
