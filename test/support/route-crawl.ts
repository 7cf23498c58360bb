import type { OpenApiClient } from './openapi-client';
import type { HiddenLedger } from './hidden-ledger';

/**
 * Every GET route of the service's own /openapi.json, called the ways a reader can: each path
 * parameter with every id the ledger holds, every page size down to 1 with its cursors followed
 * to the end, cuts at several instants (asOf, knownAt), diff windows, export pages and a proof of
 * every event. A declared parameter the crawl cannot fill makes it fail, so a new route or a new
 * parameter is crawled or listed in NOT_CRAWLED with the reason.
 */
export const NOT_CRAWLED: Record<string, string> = {
  // No ledger content: the service's own description and documentation.
  '/openapi.json': 'the API description; no ledger content',
  '/docs': 'Swagger UI; no ledger content',
};

/** Query parameters that only narrow a list or wait for the read models: filled with one plausible value each. */
const FILTERS: Record<string, (l: HiddenLedger) => string[]> = {
  status: () => ['under-consideration', 'recommended', 'agreed', 'deferred'],
  bodyId: (l) => l.bodies.slice(0, 2),
  byBodyId: () => ['wg'],
  toBodyId: () => ['pa-a'],
  proposalId: (l) => l.proposals.slice(0, 2),
  // The decisions a person is named on: p-a decided the private decision, p-b under delegation.
  personId: (l) => l.people.slice(0, 2),
  allianceId: (l) => l.alliances,
  classification: () => ['police-authority'],
  streamPrefix: () => ['vote-', 'meeting-', 'proposal-'],
  from: (l) => [l.occurredAts[0]],
  to: (l) => [l.occurredAts[l.occurredAts.length - 1]],
  tabledFrom: (l) => [l.occurredAts[0]],
  tabledTo: (l) => [l.occurredAts[l.occurredAts.length - 1]],
};
/** Parameters the crawl leaves alone, with why. */
const IGNORED = new Set(['waitFor', 'after', 'treeSize']);

export interface Crawl {
  /** Every answer's text, one per request. */
  answers: Array<{ url: string; status: number; text: string }>;
  routes: Set<string>;
}

type Params = Record<string, string>;
type DeclaredParam = { name: string; in: string; schema?: { enum?: string[] } };

/** Values of each path parameter. */
function pathValues(l: HiddenLedger, eventIds: string[], codes: string[]): Record<string, string[]> {
  return {
    proposalId: l.proposals,
    meetingId: l.meetings,
    personId: l.people,
    bodyId: l.bodies,
    allianceId: l.alliances,
    voteEventId: l.votes,
    decisionId: l.decisions,
    recommendationId: l.recommendations,
    claimId: l.claims,
    documentId: l.documents,
    questionId: l.questions,
    reviewId: l.reviews,
    eventId: eventIds,
    code: codes,
  };
}

/** The ids of each kind of record the ledger holds, for the audit trail's `entity`. */
const RECORDS = (l: HiddenLedger): Record<string, string[]> => ({
  proposal: l.proposals,
  meeting: l.meetings,
  person: l.people,
  body: l.bodies,
  alliance: l.alliances,
  vote: l.votes,
  document: l.documents,
  question: l.questions,
  review: l.reviews,
});

/**
 * Every (entity, id) of the kinds the route's `entity` parameter declares: a kind added there
 * (the domain's registry) is crawled, or the crawl fails until its ids are listed in RECORDS.
 */
function entities(kinds: readonly string[], l: HiddenLedger): Params[] {
  const records = RECORDS(l);
  return kinds.flatMap((entity) => {
    const ids = records[entity];
    if (!ids) throw new Error(`The crawl has no ids of the audit entity ${entity}: add them to RECORDS`);
    return ids.map((id) => ({ entity, id }));
  });
}

function combinations(
  path: string,
  declared: readonly DeclaredParam[],
  l: HiddenLedger,
  eventIds: string[],
  codes: string[],
): Params[] {
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  if (names.includes('entity')) {
    const kinds = declared.find((p) => p.in === 'path' && p.name === 'entity')?.schema?.enum;
    if (!kinds?.length) throw new Error(`The crawl finds no kinds declared for the entity of ${path}`);
    return entities(kinds, l);
  }
  let out: Params[] = [{}];
  const values = pathValues(l, eventIds, codes);
  for (const name of names) {
    const vs = values[name];
    if (!vs) throw new Error(`The crawl cannot fill the path parameter ${name} of ${path}`);
    out = out.flatMap((p) => vs.map((v) => ({ ...p, [name]: v })));
  }
  return out;
}

/** Instants to cut at: before anything, in the middle, after everything, and at steps between. */
function instants(list: string[]): string[] {
  const sorted = [...list].sort();
  const picks = [
    0,
    Math.floor(sorted.length / 3),
    Math.floor((2 * sorted.length) / 3),
    sorted.length - 1,
  ].map((i) => sorted[i]);
  return [new Date(Date.parse(sorted[0]) - 86_400_000).toISOString(), ...new Set(picks)];
}

/** The query variants of an operation, by the parameters it declares. */
function queryVariants(
  operationId: string,
  declared: Array<{ name: string; required?: boolean }>,
  l: HiddenLedger,
  eventIds: string[],
  thorough: boolean,
  wholeList = false,
): Params[] {
  const names = new Set(declared.map((p) => p.name));
  const base: Params[] = [];
  if (operationId === 'getProposalDiff') {
    const occ = instants(l.occurredAts);
    for (let i = 0; i < occ.length; i++)
      for (let j = i + 1; j < occ.length; j++)
        base.push(
          { from: occ[i], to: occ[j] },
          { from: occ[i], to: occ[j], knownAt: instants(l.recordedAts)[2] },
        );
    return base;
  }
  if (operationId === 'getInclusionProof') return eventIds.map((eventId) => ({ eventId }));
  if (operationId === 'getConsistencyProof')
    return [{ from: '1' }, { from: String(Math.max(1, Math.floor(eventIds.length / 2))) }];
  for (const p of declared) {
    if (p.required)
      throw new Error(`The crawl cannot fill the required query parameter ${p.name} of ${operationId}`);
    if (
      !names.has(p.name) ||
      IGNORED.has(p.name) ||
      p.name === 'limit' ||
      p.name === 'asOf' ||
      p.name === 'knownAt'
    )
      continue;
    if (!FILTERS[p.name])
      throw new Error(
        `The crawl has no value for the query parameter ${p.name} of ${operationId}: add it to FILTERS or IGNORED`,
      );
  }
  base.push({});
  for (const [name, values] of Object.entries(FILTERS))
    if (names.has(name)) for (const v of values(l)) base.push({ [name]: v });
  const cuts: Params[] = [{}];
  if (names.has('asOf')) for (const t of instants(l.occurredAts)) cuts.push({ asOf: t });
  if (names.has('knownAt')) for (const t of instants(l.recordedAts)) cuts.push({ knownAt: t });
  if (names.has('asOf') && names.has('knownAt'))
    cuts.push({ asOf: instants(l.occurredAts)[2], knownAt: instants(l.recordedAts)[2] });
  // The default page and the smallest: a page boundary anywhere is where a per-page rule would leak.
  // A whole-list answer (a register's CSV) without `limit` walks every page of the same query at
  // once; a `limit` would only cut that short, and the JSON route's own crawl covers each page size.
  const sizes: Params[] = names.has('limit') && !wholeList ? [{}, { limit: '1' }] : [{}];
  if (thorough) return base.flatMap((b) => cuts.flatMap((c) => sizes.map((s) => ({ ...b, ...c, ...s }))));
  // Quick: every filter, cut and page size, but not every combination of them.
  return [
    ...base,
    ...cuts.slice(1),
    ...sizes.slice(1),
    ...(names.has('limit') && !wholeList ? cuts.slice(1).map((c) => ({ ...c, limit: '1' })) : []),
  ];
}

/** Crawls every GET route as the holder of `token` (none: the public). */
export async function crawlRoutes(
  client: OpenApiClient,
  ledger: HiddenLedger,
  eventIds: string[],
  token?: string,
  thorough = true,
): Promise<Crawl> {
  const crawl: Crawl = { answers: [], routes: new Set() };
  const codes = (
    (await client.call('listProblemTypes', {})).body as Array<{ code?: string; type?: string }>
  ).map((p) => p.code ?? String(p.type).split('/').pop()!);
  for (const [path, methods] of Object.entries(client.document.paths)) {
    const op = methods.get;
    if (!op || NOT_CRAWLED[path]) continue;
    crawl.routes.add(op.operationId);
    const declared = (op.parameters ?? []).filter((p) => p.in === 'query');
    for (const params of combinations(path, op.parameters ?? [], ledger, eventIds, codes)) {
      const wholeList = Boolean(op.responses['200']?.content?.['text/csv']);
      for (const query of queryVariants(op.operationId, declared, ledger, eventIds, thorough, wholeList)) {
        let q: Params = query;
        // Follow the cursor to the end: a page boundary must not change what is shown.
        for (let pages = 0; pages < 500; pages++) {
          const res = await client.call(op.operationId, { params, query: q, ...(token ? { token } : {}) });
          crawl.answers.push({
            url: `${op.operationId} ${JSON.stringify(params)} ${JSON.stringify(q)}`,
            status: res.status,
            text: res.text,
          });
          const next = nextCursor(op.operationId, res, q);
          if (next === undefined || !q.limit) break;
          q = { ...q, after: next };
        }
      }
    }
  }
  return crawl;
}

function nextCursor(
  operationId: string,
  res: { status: number; body: any; text: string },
  q: Params,
): string | undefined {
  if (res.status !== 200) return undefined;
  if (operationId === 'exportEvents') {
    const lines = res.text.trim().split('\n').filter(Boolean);
    return lines.length === Number(q.limit)
      ? String(JSON.parse(lines[lines.length - 1]).position)
      : undefined;
  }
  const next = res.body?.next;
  return next === undefined || next === null ? undefined : String(next);
}
