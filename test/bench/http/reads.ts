import fastify from 'fastify';
import { get as httpGet } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ALLIANCE_PROPOSAL, PCC_MEETING } from '@ledger/domain';
import { median } from '../support/bench-kit';
import { cannon, summary } from './cannon';

export const READ_SECONDS = Number(process.env.BENCH_READ_SECONDS ?? 2);
/** Rounds of (ledger, same answer, bare) per route, run back to back: each ratio is within a round. */
export const READ_ROUNDS = Number(process.env.BENCH_READ_ROUNDS ?? 3);
/**
 * The Accept-Encoding of every read: by default what a browser sends (curl --compressed and most
 * HTTP libraries send the like), so the ledger answers compressed; BENCH_READ_ENCODING= (empty)
 * measures the clients that ask for none.
 */
export const READ_ENCODING = process.env.BENCH_READ_ENCODING ?? 'gzip, deflate, br';

const ROUTES = [
  { name: `GET /proposals/${ALLIANCE_PROPOSAL}`, path: `/proposals/${ALLIANCE_PROPOSAL}` },
  {
    name: `GET /proposals/${ALLIANCE_PROPOSAL}?asOf=2012-12-01`,
    path: `/proposals/${ALLIANCE_PROPOSAL}?asOf=2012-12-01`,
  },
  { name: 'GET /meetings?limit=20 (a register page)', path: '/meetings?limit=20' },
  { name: `GET /meetings/${PCC_MEETING}`, path: `/meetings/${PCC_MEETING}` },
];

/** Headers Node writes for itself: a bare route replaying an answer leaves them to Node. */
const OWN_HEADERS = new Set(['content-length', 'date', 'connection', 'keep-alive', 'transfer-encoding']);

const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

type Run = ReturnType<typeof summary> & { cpuMsPerRequest: number };

/** A route's rounds: the median of each figure, and of the ratios each round measured. */
function medians(rounds: Array<{ ledger: Run; same: Run; bare: Run }>) {
  const of = (pick: (r: (typeof rounds)[number]) => number) => median(rounds.map(pick));
  return {
    perSecond: of((r) => r.ledger.perSecond),
    p50: of((r) => r.ledger.p50),
    p99: of((r) => r.ledger.p99),
    cpuMsPerRequest: of((r) => r.ledger.cpuMsPerRequest),
    counted: Math.min(...rounds.map((r) => r.ledger.counted)),
    others: [...new Set(rounds.map((r) => r.ledger.others))].join('; '),
    ratios: rounds.map((r) => r.ledger.perSecond / r.bare.perSecond),
    ratio: of((r) => r.ledger.perSecond / r.bare.perSecond),
    bare: { perSecond: of((r) => r.bare.perSecond), cpuMsPerRequest: of((r) => r.bare.cpuMsPerRequest) },
    same: {
      perSecond: of((r) => r.same.perSecond),
      cpuMsPerRequest: of((r) => r.same.cpuMsPerRequest),
      ratio: of((r) => r.ledger.perSecond / r.same.perSecond),
    },
  };
}

/**
 * The public reads: a proposal now and at a date, a register page, a meeting. Each is measured
 * against two bare Fastify routes: the one the aim names (`{ ok: true }`, 11 bytes), and one that
 * sends the ledger's own answer to that read (the same headers and body, as bytes kept in memory),
 * which tells what the answer's size costs from what the service does to give it. The three run
 * back to back, READ_ROUNDS times per route, and each ratio is taken within a round: this
 * machine's speed drifts by a third between minutes, which a baseline measured once, minutes
 * away, would count as the ledger's. CPU per request is the whole process's (autocannon
 * included) over the run.
 */
export async function measureReads(ledgerUrl: string, bareUrl: string) {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (READ_ENCODING !== '') headers['accept-encoding'] = READ_ENCODING;
  const same = fastify({ logger: false });
  const answers: Array<{ headers: Record<string, string>; body: Buffer }> = [];
  for (const route of ROUTES) answers.push(await onTheWire(ledgerUrl + route.path, headers));
  same.get('/same/:i', (request, reply) => {
    const answer = answers[Number((request.params as { i: string }).i)];
    return reply.headers(answer.headers).send(answer.body);
  });
  await same.listen({ port: 0, host: '127.0.0.1' });
  const sameUrl = `http://127.0.0.1:${(same.server.address() as AddressInfo).port}`;

  const run = async (url: string, path: string, warm: boolean): Promise<Run> => {
    if (warm) await cannon(url, 1, headers, () => ({ path }), 200, 'GET');
    const before = process.cpuUsage();
    const measured = summary(await cannon(url, READ_SECONDS, headers, () => ({ path }), 200, 'GET'), 200);
    return { ...measured, cpuMsPerRequest: cpuMs(process.cpuUsage(before)) / Math.max(1, measured.counted) };
  };
  try {
    const routes = [];
    for (const [i, route] of ROUTES.entries()) {
      const rounds = [];
      for (let round = 0; round < READ_ROUNDS; round += 1) {
        const warm = round === 0;
        rounds.push({
          ledger: await run(ledgerUrl, route.path, warm),
          same: await run(sameUrl, `/same/${i}`, warm),
          bare: await run(bareUrl, '/read/x', warm),
        });
      }
      routes.push({
        name: route.name,
        bytes: answers[i].body.length,
        encoding: answers[i].headers['content-encoding'] ?? 'none',
        ...medians(rounds),
      });
    }
    return routes;
  } finally {
    await same.close();
  }
}

/** The ledger's answer as sent: its headers (but those Node writes) and its bytes, not decoded. */
function onTheWire(url: string, headers: Record<string, string>) {
  return new Promise<{ headers: Record<string, string>; body: Buffer }>((resolve, reject) => {
    httpGet(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const kept: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers))
          if (!OWN_HEADERS.has(name) && value !== undefined) kept[name] = String(value);
        resolve({ headers: kept, body: Buffer.concat(chunks) });
      });
    }).on('error', reject);
  });
}
