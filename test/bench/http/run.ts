/**
 * HTTP benchmark: recorded votes per second through the whole service, against a bare Fastify
 * JSON route, in one process. Run: npm run bench:http
 *
 *   1. The real app (startTestApp: the AppModule on a temp SQLite file, WAL with
 *      synchronous=FULL, so every acknowledged vote is fsynced; the rate limit raised out of the
 *      way) listens on 127.0.0.1 on a random port. The story is recorded over HTTP, then a body
 *      that decides, its office holders, a fresh open proposal, a meeting of that body that was
 *      held, and VOTES votes opened (OpenVote) on the proposal at that meeting; one CastVote goes
 *      through the OpenAPI client first, so the request shape is the documented one.
 *   2. autocannon, 64 connections, BENCH_SECONDS (default 5) after a BENCH_WARMUP_SECONDS (default
 *      2) warm-up: every request is a valid CastVote (POST /votes/{voteEventId}/ballots) by a clerk,
 *      each a distinct (vote, office holder) pair handed out by setupRequest, so each one should be
 *      recorded (201). Only 201s count as recorded votes; other statuses are reported.
 *   3. Right after, the same autocannon settings (same method, headers and bodies) against a
 *      separate bare fastify() instance whose route answers { ok: true }. Steps 2 and 3 make a
 *      round, run BENCH_ROUNDS times (default 3): this machine's speed drifts between minutes, so
 *      each ratio is taken within its round.
 *   4. votes/s ÷ bare req/s (aim: >= 0.3 with synchronous=FULL): the median of the rounds, with
 *      the rates and latencies of the median round; and a check, each round, that the ledger's
 *      head moved by the number of 201s, plus at most one request per connection still in flight
 *      when autocannon stopped (processed, its answer never read).
 *   5. The HTTP path alone (path-only.ts): the same CastVotes with the CommandRunner answering at
 *      once, nothing written (checked), then the bare route again: the most the route gives on one
 *      thread, and what the command side adds to a recorded vote's CPU.
 *   6. The command side alone (command-side.ts): the CommandRunner recording CastVotes handed to it
 *      directly, 64 at a time, no HTTP: the most a recorded vote could reach with the HTTP path
 *      free, or on a thread of its own; then the bare route again.
 *   7. Public reads (reads.ts): four routes, each against the bare GET route ({ ok: true }) and
 *      against a bare route that sends the ledger's own answer to that read, byte for byte (as sent:
 *      compressed, since every read carries a browser's Accept-Encoding; BENCH_READ_ENCODING=
 *      (empty) asks for none); the three back to back in BENCH_READ_ROUNDS rounds (default 3) of BENCH_READ_SECONDS (default
 *      2) each, every ratio taken within its round, medians printed.
 *
 * Every figure is measured. The database lives in the OS temp folder (TMPDIR sets it; it should be
 * on a real disk). BENCH_VOTES / BENCH_VOTERS set how many votes and office holders there are (the
 * pool of distinct pairs is their product). To see where the time goes, BENCH_CPU_PROFILE=<file>
 * writes a V8 CPU profile (.cpuprofile, for Chrome DevTools) of the first round's ledger run,
 * BENCH_CPU_PROFILE_PATH=<file> one of the HTTP path alone, BENCH_CPU_PROFILE_ALONE=<file> one of
 * the command side alone, and BENCH_CPU_PROFILE_READS=<file>
 * one of the reads (with their baseline).
 */
import fastify from 'fastify';
import { cpus, loadavg, tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import { SqliteEventStore } from '@ledger/event-store';
import { OpenApiClient } from '../../support/openapi-client';
import { recordStoryOverHttp } from '../../support/story-over-http';
import { startTestApp, type TestApp } from '../../support/test-app';
import { fmt, median } from '../support/bench-kit';
import { CONNECTIONS, cannon, profiled, summary } from './cannon';
import { commandSideAlone } from './command-side';
import { withCommandsAnsweredAtOnce } from './path-only';
import { measureReads, READ_ENCODING, READ_ROUNDS, READ_SECONDS } from './reads';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
// 96,000 (vote, voter) pairs: three rounds and the warm-up take about 30,000, and the command side
// alone up to SECONDS × 8,000 of what is left (with 64,000 it ran out and stopped early).
const VOTES = Number(process.env.BENCH_VOTES ?? 1500);
const VOTERS = Number(process.env.BENCH_VOTERS ?? 64);

const BODY = 'bench-council';
const PROPOSAL = 'bench-proposal';
const MEETING = 'bench-meeting';
const VOTED_ON = '2024-01-10';
const source = { kind: 'bench', reference: 'test/bench/http/run.ts' };
const OPTIONS = ['yes', 'no', 'abstain'] as const;

const voteId = (v: number) => `bench-vote-${v}`;
const voterId = (p: number) => `bench-voter-${p}`;

/**
 * The k-th distinct (vote, voter) pair. Consecutive k go to different votes, so the 64 requests in
 * flight at any moment land on 64 different vote streams (one person votes once per vote).
 */
function pair(k: number): { vote: string; body: string } {
  const v = k % VOTES;
  const p = Math.floor(k / VOTES);
  return {
    vote: voteId(v),
    body: JSON.stringify({
      personId: voterId(p),
      bodyId: BODY,
      option: OPTIONS[k % 3],
      occurredAt: VOTED_ON,
      source,
    }),
  };
}

async function expectCreated(what: string, call: Promise<{ status: number; body: unknown }>) {
  const res = await call;
  if (res.status !== 201) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
}

/** A body that decides, VOTERS office holders, an open proposal, a held meeting, VOTES open votes. */
async function setUpVotes(client: OpenApiClient, clerk: string): Promise<void> {
  const call = (operationId: string, params: Record<string, string>, body: Record<string, unknown>) =>
    client.call(operationId, { params, body: { ...body, source }, token: clerk });
  await expectCreated(
    'RegisterBody',
    call(
      'registerBody',
      {},
      {
        bodyId: BODY,
        name: 'Bench Council',
        classification: 'committee',
        powers: 'decides',
        foundingDate: '2020-01-01',
        occurredAt: '2020-01-01',
      },
    ),
  );
  await expectCreated(
    'CreatePost',
    call(
      'createPost',
      { bodyId: BODY },
      { postId: 'member', label: 'Member of the Bench Council', role: 'member', occurredAt: '2020-01-01' },
    ),
  );
  for (let p = 0; p < VOTERS; p += 1) {
    await expectCreated(
      'RegisterPerson',
      call('registerPerson', {}, { personId: voterId(p), name: `Voter ${p}`, occurredAt: '2020-01-01' }),
    );
    await expectCreated(
      'AppointOfficeHolder',
      call(
        'appointOfficeHolder',
        { bodyId: BODY },
        {
          membershipId: `${voterId(p)}-2020`,
          postId: 'member',
          personId: voterId(p),
          startDate: '2020-01-01',
          occurredAt: '2020-01-01',
        },
      ),
    );
  }
  await expectCreated(
    'TableProposal',
    call(
      'tableProposal',
      {},
      {
        proposalId: PROPOSAL,
        title: 'Bench proposal',
        description: 'Voted on by the HTTP bench.',
        scope: ['bench'],
        tabledBy: BODY,
        bodyId: BODY,
        occurredAt: '2024-01-01',
      },
    ),
  );
  await expectCreated(
    'ScheduleMeeting',
    call(
      'scheduleMeeting',
      {},
      {
        meetingId: MEETING,
        title: 'Bench Council meeting',
        bodyIds: [BODY],
        scheduledFor: VOTED_ON,
        public: true,
        occurredAt: '2024-01-02',
      },
    ),
  );
  await expectCreated(
    'RecordMeetingHeld',
    call('recordMeetingHeld', { meetingId: MEETING }, { attendees: [], occurredAt: VOTED_ON }),
  );
  // Votes are separate streams: open them a few at a time.
  for (let v = 0; v < VOTES; v += 16) {
    await Promise.all(
      Array.from({ length: Math.min(16, VOTES - v) }, (_, i) =>
        expectCreated(
          'OpenVote',
          call(
            'openVote',
            {},
            {
              voteEventId: voteId(v + i),
              proposalId: PROPOSAL,
              meetingId: MEETING,
              question: `Bench question ${v + i}`,
              bodyId: BODY,
              occurredAt: VOTED_ON,
            },
          ),
        ),
      ),
    );
  }
}

/**
 * Waits until the server has finished what autocannon left in flight when it stopped (those
 * requests are still processed, their answers unread): the head stays put, the read models caught up.
 */
async function quiesce(ctx: TestApp): Promise<void> {
  for (let last = -1; ;) {
    const head = await ctx.store.head();
    if (head === last) break;
    last = head;
    await new Promise((r) => setTimeout(r, 500));
  }
  await ctx.settle();
}

async function main() {
  const t0 = performance.now();
  const loadStart = loadavg()[0];
  const ctx: TestApp = await startTestApp({
    LEDGER_SQLITE_SYNCHRONOUS: 'FULL',
    LEDGER_RATE_LIMIT_PER_MINUTE: 10_000_000,
  });
  const bare = fastify({ logger: false });
  try {
    if (!(ctx.store instanceof SqliteEventStore)) throw new Error('The bench needs the SQLite store');
    const synchronous = ctx.store.db.pragma('synchronous', { simple: true });
    const journal = ctx.store.db.pragma('journal_mode', { simple: true });
    if (synchronous !== 2) throw new Error(`PRAGMA synchronous is ${String(synchronous)}, not FULL (2)`);
    await ctx.app.listen(0, '127.0.0.1');
    const port = (ctx.app.getHttpServer().address() as AddressInfo).port;
    const client = await OpenApiClient.generate(ctx.app);
    const story = await recordStoryOverHttp(client, ctx);
    await setUpVotes(client, ctx.tokens.clerk);
    // One vote through the document's client first: the request shape is the documented one.
    const sanity = await client.call('castVote', {
      params: { voteEventId: pair(0).vote },
      body: JSON.parse(pair(0).body),
      token: ctx.tokens.clerk,
    });
    if (sanity.status !== 201)
      throw new Error(`CastVote sanity check: ${sanity.status} ${JSON.stringify(sanity.body)}`);
    await ctx.settle();
    const setupSeconds = (performance.now() - t0) / 1000;

    const pool = VOTES * VOTERS;
    let next = 1;
    let exhausted = false;
    const castVote = () => {
      if (next >= pool) exhausted = true;
      const { vote, body } = pair(next % pool);
      next += 1;
      return { path: `/votes/${vote}/ballots`, body };
    };
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${ctx.tokens.clerk}` };

    const ledgerUrl = `http://127.0.0.1:${port}`;
    bare.post('/votes/:voteEventId/ballots', async () => ({ ok: true }));
    bare.get('/read/:id', () => ({ ok: true }));
    await bare.listen({ port: 0, host: '127.0.0.1' });
    const bareUrl = `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}`;
    let bareNext = 0;
    const bareRequest = () => {
      const { vote, body } = pair(bareNext % pool);
      bareNext += 1;
      return { path: `/votes/${vote}/ballots`, body };
    };
    await cannon(ledgerUrl, WARMUP_SECONDS, headers, castVote, 201);
    await cannon(bareUrl, WARMUP_SECONDS, headers, bareRequest, 200);

    // The ledger, then the bare route, ROUNDS times: each ratio is taken within its round.
    const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
    const store = ctx.store;
    const rounds = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      await quiesce(ctx);
      const headBefore = await store.head();
      const usedBefore = next;
      const commitsBefore = { ...store.commitStats };
      const cpuBefore = process.cpuUsage();
      const ledger = await profiled(round === 0 ? process.env.BENCH_CPU_PROFILE : undefined, () =>
        cannon(ledgerUrl, SECONDS, headers, castVote, 201),
      );
      const ledgerCpu = cpuMs(process.cpuUsage(cpuBefore));
      const commits = store.commitStats.commits - commitsBefore.commits;
      const appends = store.commitStats.appends - commitsBefore.appends;
      const used = next - usedBefore;
      await quiesce(ctx);
      const appended = (await store.head()) - headBefore;
      const bareCpuBefore = process.cpuUsage();
      const baseline = await cannon(bareUrl, SECONDS, headers, bareRequest, 200);
      const bareCpu = cpuMs(process.cpuUsage(bareCpuBefore));
      const l = summary(ledger, 201);
      const b = summary(baseline, 200);
      rounds.push({
        ledger,
        baseline,
        l,
        b,
        ratio: l.perSecond / b.perSecond,
        cpuPerVote: ledgerCpu / Math.max(1, l.counted),
        cpuPerBare: bareCpu / Math.max(1, b.counted),
        commits,
        appends,
        appended,
        // Every 201 is one VoteCast; besides them only the requests still in flight when autocannon
        // stopped (at most one per connection) may have been recorded, unanswered.
        consistent: appended >= l.counted && appended - l.counted <= CONNECTIONS && appended <= used,
      });
    }

    // The HTTP path alone (path-only.ts), then the bare route again: the most one thread can give.
    await quiesce(ctx);
    const headBeforePath = await store.head();
    const pathCpuBefore = process.cpuUsage();
    let pathCpuMs = 0;
    const pathOnly = summary(
      await withCommandsAnsweredAtOnce(ctx, async () => {
        const measured = await profiled(process.env.BENCH_CPU_PROFILE_PATH, () =>
          cannon(ledgerUrl, SECONDS, headers, bareRequest, 201),
        );
        // Read as the rounds read theirs: when autocannon stops, not after the wait for its stragglers.
        pathCpuMs = cpuMs(process.cpuUsage(pathCpuBefore));
        return measured;
      }),
      201,
    );
    const pathCpu = pathCpuMs / Math.max(1, pathOnly.counted);
    await quiesce(ctx);
    const pathWrote = (await store.head()) - headBeforePath;
    const pathBare = summary(await cannon(bareUrl, SECONDS, headers, bareRequest, 200), 200);

    // The command side alone (command-side.ts), then the bare route again.
    const headBeforeSide = await store.head();
    const commitsBeforeSide = store.commitStats.commits;
    // The pairs left (the run stops early when they are used up: its rate is over the time it ran).
    const side = await profiled(process.env.BENCH_CPU_PROFILE_ALONE, () =>
      commandSideAlone(ctx, SECONDS, Math.min(SECONDS * 8000, pool - next), () => castVote()),
    );
    const sideCommits = store.commitStats.commits - commitsBeforeSide;
    await quiesce(ctx);
    const sideWrote = (await store.head()) - headBeforeSide;
    const sideBare = summary(await cannon(bareUrl, SECONDS, headers, bareRequest, 200), 200);

    // Public reads (no token): each route against the bare GET route answering { ok: true }.
    const reads = await profiled(process.env.BENCH_CPU_PROFILE_READS, () => measureReads(ledgerUrl, bareUrl));

    const ratio = median(rounds.map((r) => r.ratio));
    // The round whose ratio is the median: its rates and latencies are the ones printed.
    const mid = rounds.find((r) => r.ratio === ratio) ?? rounds[0];
    const { ledger, baseline, l, b } = mid;
    const cpuPerVote = median(rounds.map((r) => r.cpuPerVote));
    const bareCpuPerRequest = median(rounds.map((r) => r.cpuPerBare));
    const commits = rounds.reduce((n, r) => n + r.commits, 0);
    const appendsCommitted = rounds.reduce((n, r) => n + r.appends, 0);
    const consistent = rounds.every((r) => r.consistent);
    const lines = [
      'HTTP bench: CastVote through the whole service vs a bare Fastify JSON route (one process)',
      `  node ${process.version}, ${cpus().length} CPU(s) (${cpus()[0]?.model.trim()}); autocannon ${CONNECTIONS} connections, pipelining 1; writes: the ledger then the bare route, ${SECONDS} s each, ${ROUNDS} rounds after a ${WARMUP_SECONDS} s warm-up of each`,
      `  ledger: SQLite journal_mode=${String(journal)}, synchronous=FULL (PRAGMA synchronous=${String(synchronous)}) in ${tmpdir()}; rate limit 10,000,000/min; LOG_LEVEL silent`,
      `  load average (1 min) at start ${fmt(loadStart, 2)}, at the end ${fmt(loadavg()[0], 2)}: anything else running shares the CPUs with both measurements`,
      `  setup (${fmt(setupSeconds, 1)} s): the story (${story.length} commands), then ${BODY} with ${VOTERS} office holders, ${PROPOSAL} (open), ${MEETING} (held), ${VOTES} votes opened (OpenVote): ${fmt(pool)} distinct (vote, voter) pairs; one CastVote via the OpenAPI client: ${sanity.status}`,
      '',
      `  ledger  POST /votes/{voteEventId}/ballots  ${fmt(l.perSecond)} recorded votes/s in the median round (${fmt(l.counted)} × 201 in ${fmt(ledger.seconds, 2)} s; other statuses: ${l.others}; errors ${ledger.errors}, timeouts ${ledger.timeouts})`,
      `          latency of the 201s: p50 ${fmt(l.p50, 1)} ms, p99 ${fmt(l.p99, 1)} ms  (autocannon p99 over all answers: ${fmt(ledger.autocannonP99, 1)} ms)`,
      `  bare    POST /votes/:voteEventId/ballots   ${fmt(b.perSecond)} req/s  (${fmt(b.counted)} × 200 in ${fmt(baseline.seconds, 2)} s; other statuses: ${b.others}; errors ${baseline.errors}, timeouts ${baseline.timeouts})`,
      `          latency: p50 ${fmt(b.p50, 1)} ms, p99 ${fmt(b.p99, 1)} ms  (autocannon p99: ${fmt(baseline.autocannonP99, 1)} ms)`,
      '',
      `  cpu     ${fmt(cpuPerVote, 3)} ms of process CPU per recorded vote, ${fmt(bareCpuPerRequest, 3)} ms per bare request (medians over the rounds; both include autocannon, in the same process): the service's own ≈ ${fmt(cpuPerVote - bareCpuPerRequest, 3)} ms a vote`,
      `  path    the same CastVotes with the CommandRunner answering at once (the whole HTTP path and validation; nothing read, decided or written: the head moved by ${pathWrote}): ${fmt(pathOnly.perSecond)} req/s, ${fmt(pathCpu, 3)} ms CPU a request; against the bare route right after (${fmt(pathBare.perSecond)} req/s): ${fmt(pathOnly.perSecond / pathBare.perSecond, 3)}, the most this route gives on one thread. The command side costs a recorded vote ≈ ${fmt(cpuPerVote - pathCpu, 3)} ms`,
      `  alone   the CommandRunner recording CastVotes handed to it directly, ${CONNECTIONS} at a time, no HTTP (read, decide, append, commit, project): ${fmt(side.perSecond)} votes/s (${fmt(side.recorded)} in ${fmt(side.seconds, 2)} s, ${side.failed} refused; the head moved by ${sideWrote}; ${fmt(side.recorded / Math.max(1, sideCommits), 1)} votes a commit), ${fmt(side.cpuMsPerVote, 3)} ms CPU a vote; against the bare route right after (${fmt(sideBare.perSecond)} req/s): ${fmt(side.perSecond / sideBare.perSecond, 3)}, the most a recorded vote could reach were the HTTP path free or on another thread`,
      `  commits ${fmt(commits)} transactions for ${fmt(appendsCommitted)} appends: ${fmt(appendsCommitted / Math.max(1, commits), 2)} recorded votes share each commit (fsync)`,
      `  ratio   votes/s ÷ bare req/s = ${fmt(ratio, 3)}, the median of the rounds' ${rounds.map((r) => fmt(r.ratio, 3)).join(', ')}  (aim: >= 0.3)  ${ratio >= 0.3 ? 'met' : 'NOT met'}`,
      '',
      `  public reads (no token, ${CONNECTIONS} connections, Accept-Encoding: ${READ_ENCODING === '' ? '(none)' : READ_ENCODING}): each route, then a bare route sending its answer, then the bare GET route ({ ok: true }), ${READ_SECONDS} s each, ${READ_ROUNDS} rounds; medians, each ratio within its round`,
      ...reads.flatMap((r) => [
        `  ${r.name.padEnd(44)} ${fmt(r.perSecond).padStart(6)} req/s  p50 ${fmt(r.p50, 1)} ms  p99 ${fmt(r.p99, 1)} ms  ${fmt(r.cpuMsPerRequest, 3)} ms CPU; ${fmt(r.bytes)} bytes (${r.encoding === 'none' ? 'not compressed' : r.encoding}); other statuses: ${r.others}`,
        `  ${''.padEnd(44)}   ratio to the bare route (${fmt(r.bare.perSecond)} req/s, ${fmt(r.bare.cpuMsPerRequest, 3)} ms CPU): ${fmt(r.ratio, 3)} (rounds ${r.ratios.map((x) => fmt(x, 3)).join(', ')}; aim >= 0.5) ${r.ratio >= 0.5 ? 'met' : 'NOT met'}`,
        `  ${''.padEnd(44)}   the same answer from a bare route: ${fmt(r.same.perSecond)} req/s, ${fmt(r.same.cpuMsPerRequest, 3)} ms CPU; the ledger at ${fmt(r.same.ratio, 3)} of it`,
      ]),
      `  check   VoteCast events appended = 201s answered + those still in flight when autocannon stopped (<= ${CONNECTIONS}), each round: ${rounds.map((r) => `${r.appended} = ${r.l.counted} + ${r.appended - r.l.counted}`).join('; ')} ${consistent ? 'ok' : 'MISMATCH'}; ${fmt(next - 1)} pairs handed out${exhausted ? ' — the pool ran out: raise BENCH_VOTES/BENCH_VOTERS' : ` of ${fmt(pool)}`}`,
    ];
    console.log(lines.join('\n'));
    const sideConsistent = side.failed === 0 && sideWrote === side.recorded;
    if (!consistent || pathWrote !== 0 || !sideConsistent || reads.some((r) => r.counted === 0))
      process.exitCode = 1;
  } finally {
    await bare.close();
    await ctx.stop();
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
