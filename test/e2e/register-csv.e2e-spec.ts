import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { HERTS_PROPOSAL } from '@ledger/domain';
import { recordAllianceVote } from '../support/alliance-vote';
import { OpenApiClient } from '../support/openapi-client';
import { ANNEX_CANARY, recordStagedDecisions } from '../support/staged-decisions';
import { recordStoryOverHttp } from '../support/story-over-http';
import { startTestApp, type TestApp } from '../support/test-app';
import { PRIVATE_FIXTURE_MEETING, STORY_WITH_PRIVATE_MEETING } from '@ledger/recording/testing';

const source = { kind: 'minutes', reference: 'csv test' };
const FORMULA_TITLE = '=HYPERLINK("http://example.org/x","click")';
const PRIVATE_RATIONALE = 'CANARY private rationale';

/** The columns as the CSV's header names them: dotted paths into the JSON row. */
const valueAt = (row: unknown, column: string): unknown =>
  column
    .split('.')
    .reduce<unknown>(
      (v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
      row,
    );

/** Leaf paths of a JSON row, stopping at lists (a list is one cell). */
function leaves(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [prefix];
  return Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

/** A spreadsheet-safe cell back to its text: the `'` the CSV put before a formula character. */
const unescaped = (cell: string) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);

describe('registers as CSV: the same rows as the JSON, RFC 4180, safe in a spreadsheet', () => {
  let ctx: TestApp;
  let client: OpenApiClient;
  beforeAll(async () => {
    ctx = await startTestApp();
    client = await OpenApiClient.generate(ctx.app);
    // With a test-only private meeting and exempt item: the story itself has none.
    await recordStoryOverHttp(client, ctx, STORY_WITH_PRIVATE_MEETING);
    await recordAllianceVote(client, ctx);
    const clerk = ctx.tokens.clerk;
    const ok = (res: { status: number; body: unknown }) =>
      expect([res.status, res.body]).toEqual([201, expect.anything()]);
    ok(
      await client.call('scheduleMeeting', {
        token: clerk,
        body: {
          meetingId: 'herts-2013-03',
          title: FORMULA_TITLE,
          bodyIds: ['pcc-hertfordshire'],
          scheduledFor: '2013-03-01',
          place: 'Welwyn, "HQ"\nroom 2',
          public: true,
          occurredAt: '2013-02-20',
          source,
        },
      }),
    );
    ok(
      await client.call('recordDecision', {
        token: clerk,
        params: { proposalId: HERTS_PROPOSAL },
        body: {
          decisionId: 'herts-private',
          bodyId: 'pcc-hertfordshire',
          postId: 'commissioner',
          personId: 'david-lloyd',
          outcome: 'defer',
          inPublic: false,
          rationale: PRIVATE_RATIONALE,
          occurredAt: '2013-02-25',
          source,
        },
      }),
    );
    ok(
      await client.call('recordDecision', {
        token: clerk,
        params: { proposalId: HERTS_PROPOSAL },
        body: {
          decisionId: 'herts-public',
          bodyId: 'pcc-hertfordshire',
          postId: 'commissioner',
          personId: 'david-lloyd',
          outcome: 'defer',
          inPublic: true,
          rationale: '+44 then -1, @all',
          occurredAt: '2013-02-26',
          source,
        },
      }),
    );
    // Decision records with every register column: the parity below covers each of them.
    await recordStagedDecisions(client, ctx);
  });
  afterAll(async () => ctx.stop());

  /** Every row of a JSON register, page by page. */
  async function jsonRows(
    operationId: string,
    params: Record<string, string>,
    query: Record<string, string>,
    token?: string,
  ) {
    const rows: unknown[] = [];
    let after: string | undefined;
    do {
      const res = await client.call(operationId, {
        params,
        query: { ...query, limit: 100, ...(after ? { after } : {}) },
        ...(token ? { token } : {}),
      });
      expect(res.status).toBe(200);
      rows.push(...res.body.items);
      after = res.body.next;
    } while (after);
    return rows;
  }

  const registers: Array<{
    json: string;
    csv: string;
    params?: Record<string, string>;
    query?: Record<string, string>;
  }> = [
    { json: 'listDecisions', csv: 'listDecisionsCsv' },
    { json: 'listRecommendations', csv: 'listRecommendationsCsv' },
    { json: 'listMeetings', csv: 'listMeetingsCsv' },
    { json: 'listMeetings', csv: 'listMeetingsCsv', query: { asOf: '2012-09-01' } },
    { json: 'listDecisions', csv: 'listDecisionsCsv', query: { knownAt: '2013-02-04T11:00:00Z' } },
    { json: 'listVotesByPerson', csv: 'listVotesByPersonCsv', params: { personId: 'graham-bright' } },
    { json: 'getAuditTrail', csv: 'getAuditTrailCsv', params: { entity: 'proposal', id: 'g4s-back-office' } },
    {
      json: 'getAuditTrail',
      csv: 'getAuditTrailCsv',
      params: { entity: 'proposal', id: HERTS_PROPOSAL },
      query: { asOf: '2013-02-25' },
    },
  ];

  for (const viewer of ['public', 'auditor'] as const) {
    for (const r of registers) {
      it(`${r.csv} ${JSON.stringify({ ...r.params, ...r.query })} as ${viewer} parses back to the JSON register's rows`, async () => {
        const token = viewer === 'auditor' ? ctx.tokens.auditor : undefined;
        const expected = await jsonRows(r.json, r.params ?? {}, r.query ?? {}, token);
        const res = await client.call(r.csv, {
          params: r.params ?? {},
          query: r.query ?? {},
          ...(token ? { token } : {}),
        });
        expect(res.status).toBe(200);
        expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
        // The same CSV with Accept: text/csv on the register's own route.
        const url = client
          .operation(r.json)
          .path.replace(/\{(\w+)\}/g, (_, n: string) => encodeURIComponent(r.params![n]));
        let negotiated = request(ctx.app.getHttpServer())
          .get(url)
          .query(r.query ?? {})
          .set('accept', 'text/csv');
        if (token) negotiated = negotiated.set('authorization', `Bearer ${token}`);
        expect((await negotiated).text).toBe(res.text);

        const [header, ...records]: string[][] = parse(res.text, { relax_column_count: false });
        expect(records).toHaveLength(expected.length);
        if (r.json !== 'getAuditTrail' || viewer === 'auditor') expect(expected.length).toBeGreaterThan(0);
        expected.forEach((row, i) => {
          // Every field of the JSON row has its column.
          for (const leaf of leaves(row))
            expect([leaf, header.some((c) => c === leaf || leaf.startsWith(`${c}.`))]).toEqual([leaf, true]);
          header.forEach((column, c) => {
            const value = valueAt(row, column);
            const cell = unescaped(records[i][c]);
            if (value === undefined || value === null) expect([column, cell]).toEqual([column, '']);
            else if (typeof value === 'object') expect([column, JSON.parse(cell)]).toEqual([column, value]);
            else expect([column, cell]).toEqual([column, `${value as string | number | boolean}`]);
          });
        });
        if (viewer === 'public') expect(res.text).not.toContain('CANARY');
      });
    }
  }

  it('escapes a cell that starts with = + - @ so a spreadsheet shows it as text, and quotes by RFC 4180', async () => {
    const meetings = await client.call('listMeetingsCsv', {});
    expect(meetings.text).toContain(`"'=HYPERLINK(""http://example.org/x"",""click"")"`);
    expect(meetings.text).toContain('"Welwyn, ""HQ""\nroom 2"');
    expect(meetings.text.split('\r\n')[0]).toMatch(/^meetingId,title,/);
    const decisions = await client.call('listDecisionsCsv', { query: { proposalId: HERTS_PROPOSAL } });
    expect(decisions.text).toContain(`'+44 then -1, @all`);
    expect(decisions.text).not.toContain(PRIVATE_RATIONALE);
    const audited = await client.call('listDecisionsCsv', {
      query: { proposalId: HERTS_PROPOSAL },
      token: ctx.tokens.auditor,
    });
    expect(audited.text).toContain(PRIVATE_RATIONALE);
  });

  it("has a column for each of a decision record's register fields, and none for its exempt annex", async () => {
    for (const token of [undefined, ctx.tokens.auditor]) {
      const res = await client.call('listDecisionsCsv', {
        query: { proposalId: HERTS_PROPOSAL },
        ...(token ? { token } : {}),
      });
      const [header, ...records]: string[][] = parse(res.text);
      const row = (id: string) => {
        const record = records.find((r) => r[0] === id)!;
        return Object.fromEntries(header.map((column, i) => [column, record[i]]));
      };
      expect(row('herts-final')).toMatchObject({
        reference: 'PCC/H/2013/02',
        title: 'Policing support services: final approval',
        outcome: 'approve',
        stage: 'final',
        keyDecision: 'false',
        significantPublicInterest: 'false',
        'signed.personId': 'herts-ceo',
        'signed.person.name': 'Hannah Executive',
        'signed.on': '2013-04-02',
        publishedOn: '2013-04-03',
        'delegation.personId': 'herts-ceo',
        'delegation.role': 'Chief Executive',
        'delegation.scheme': 'Scheme of Delegation, para 4.2',
        publicity: 'public',
      });
      expect(row('herts-rescind')).toMatchObject({ outcome: 'rescind', undoesDecisionId: 'herts-contract' });
      expect(header.filter((c) => /annex/i.test(c))).toEqual([]);
      expect(res.text).not.toContain(ANNEX_CANARY);
    }
  });

  it('gives one page with limit and every row without it', async () => {
    const all: string[][] = parse((await client.call('listMeetingsCsv', {})).text);
    const one: string[][] = parse((await client.call('listMeetingsCsv', { query: { limit: 1 } })).text);
    expect(all.length).toBeGreaterThan(3);
    expect(one).toEqual(all.slice(0, 2));
  });

  it('answers bad input and hidden things as problems, as the JSON routes do', async () => {
    const bad = await client.call('listDecisionsCsv', { query: { limit: 0 } });
    expect([bad.status, bad.headers['content-type']]).toEqual([
      400,
      expect.stringContaining('application/problem+json'),
    ]);
    expect(bad.body.errors.map((e: any) => e.field)).toEqual(['limit']);
    const entity = await client.call('getAuditTrailCsv', { params: { entity: 'nope', id: 'x' } });
    expect([entity.status, entity.body.errors?.[0]?.field]).toEqual([400, 'entity']);
    const negotiated = await request(ctx.app.getHttpServer())
      .get('/decisions')
      .query({ bogus: '1' })
      .set('accept', 'text/csv');
    expect([negotiated.status, negotiated.headers['content-type']]).toEqual([
      400,
      expect.stringContaining('application/problem+json'),
    ]);
    const hidden = await client.call('getAuditTrailCsv', {
      params: { entity: 'meeting', id: PRIVATE_FIXTURE_MEETING },
    });
    expect(hidden.status).toBe(404);
    const json = await request(ctx.app.getHttpServer())
      .get('/decisions')
      .set('accept', 'application/json, text/csv;q=0.5');
    expect(json.headers['content-type']).toContain('application/json');
  });
});
