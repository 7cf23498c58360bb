/**
 * Dated snapshots benchmark. Run: npm run bench:snapshots
 *
 * Long-lived proposals are where a read at a date would otherwise grow with history: one ledger
 * on a temp file holds 1,000 alliance proposals, each amended twice a month (its terms change,
 * its state does not grow) with a claim a year, for decades; every command is decided by the
 * domain's deciders. The
 * ledger is grown to 10,000, 100,000 and 1,000,000 events; after each step the read models are
 * brought up to date through `Projector.apply`, the path the service takes, which also takes the
 * dated snapshots.
 *
 * Measured at each size, at random dates over the whole span (nothing is typed in):
 *   1. one proposal as of a date: `proposalAt` starting from the nearest snapshot, against the
 *      baseline of the same call folding every stream from its start (no snapshots), in the
 *      same run; p50 / p99 and their ratio;
 *   2. a page of 50 proposals as of a date: `listProposals` (the API's list, one CutStates for
 *      the page, snapshots) against the baseline of drawing each of the same 50 proposals alone
 *      from its streams' start, as the list did before snapshots;
 *   3. the ratio of the largest size to the smallest (aim: flat, at most 2x).
 * Every answer drawn from snapshots is checked against the baseline's.
 *
 * Options: --steps 10000,100000,1000000  --queries 100  --seed 7  --keep. BENCH_DIR sets the temp folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { v7 as uuidv7 } from 'uuid';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  currentSchemaVersion,
  decideOn,
  DECIDERS,
  streamOfCommand,
  type Decider,
  type DomainCommand,
  type DomainEvent,
  type Folded,
  type LedgerCommand,
  type References,
} from '@ledger/domain';
import { SqliteEventStore, type NewEvent, type StoredEvent } from '@ledger/event-store';
import { Projector, listProposals, ReadModelDb, proposalAt, PUBLIC } from '@ledger/projections';
import { arg, ascending, fmt, mulberry32, percentile } from '../support/bench-kit';

type AnyDecider = Decider<any, DomainCommand, DomainEvent>;

const PROPOSALS = 1000;
const START = Date.UTC(1980, 0, 1);
const NOW = new Date().toISOString();
const monthStart = (m: number) => new Date(Date.UTC(1980, m, 1)).getTime();

/** Commands in the order a clerk would enter them, each with its date. */
function* workload(rng: () => number): Generator<{ command: LedgerCommand; occurredAt: string }> {
  const at = (ms: number) => new Date(ms).toISOString();
  for (const [bodyId, name] of [
    ['jwg', 'Joint Working Group'],
    ['pcc-a', 'PCC A'],
    ['pcc-b', 'PCC B'],
    ['pcc-c', 'PCC C'],
  ]) {
    const advisory = bodyId === 'jwg';
    yield {
      occurredAt: at(START),
      command: {
        type: 'RegisterBody',
        data: {
          bodyId,
          name,
          classification: advisory ? 'joint-working-group' : 'police-and-crime-commissioner',
          powers: advisory ? 'advises' : 'decides',
          foundingDate: '1979-01-01',
        },
      },
    };
  }
  yield {
    occurredAt: at(START),
    command: {
      type: 'FormAlliance',
      data: {
        allianceId: 'alliance',
        name: 'Strategic Alliance',
        decisionRule: { kind: 'unanimity' },
        foundingDate: '1979-01-01',
        memberIds: ['pcc-a', 'pcc-b', 'pcc-c'],
      },
    },
  };
  for (let p = 0; p < PROPOSALS; p += 1) {
    yield {
      occurredAt: at(START + p * 1000),
      command: {
        type: 'TableProposal',
        data: {
          proposalId: `p-${p}`,
          title: `Collaboration ${p}`,
          description: 'A long-running programme of shared services.',
          scope: ['HR', 'ICT'],
          tabledBy: 'jwg',
          allianceId: 'alliance',
        },
      },
    };
  }
  for (let m = 1; ; m += 1) {
    for (const half of [0, 1]) {
      for (let p = 0; p < PROPOSALS; p += 1) {
        const occurredAt = at(monthStart(m) + half * 14 * 86_400_000 + p * 1000);
        if (m % 12 === 0 && half === 1) {
          yield {
            occurredAt,
            command: {
              type: 'RecordClaim',
              data: {
                proposalId: `p-${p}`,
                claimId: `c-${m}`,
                subject: 'savings',
                amount: Math.floor(rng() * 1e7),
                unit: 'GBP',
                qualifier: 'about',
                claimant: 'report',
                statement: `Savings claimed in year ${m / 12}`,
              },
            },
          };
        } else {
          yield {
            occurredAt,
            command: {
              type: 'AmendProposal',
              data: {
                proposalId: `p-${p}`,
                changes: { description: `Revised in month ${m}.${half}: ${Math.floor(rng() * 1e6)}` },
                reason: 'Fortnightly review',
              },
            },
          };
        }
      }
    }
  }
}

/** Grows the ledger through the deciders, in group-committed batches recorded a day after they happened. */
class Grower {
  private readonly states = new Map<string, Folded<unknown>>();
  private readonly refs: References = { get: (kind, id) => this.states.get(`${kind}-${id}`)?.state as never };
  private readonly steps: ReturnType<typeof workload>;
  private clock = new Date(START);
  written = 0;
  lastOccurredAt = '';
  readonly store: SqliteEventStore;

  constructor(path: string, rng: () => number) {
    this.steps = workload(rng);
    this.store = new SqliteEventStore({ path, synchronous: 'OFF', clock: () => this.clock });
  }

  async growTo(target: number): Promise<void> {
    let pending: Array<Promise<unknown>> = [];
    while (this.written < target) {
      const { command, occurredAt } = this.steps.next().value as {
        command: LedgerCommand;
        occurredAt: string;
      };
      const { kind, stream } = streamOfCommand(command);
      const decider = DECIDERS[kind] as AnyDecider;
      const folded = (this.states.get(stream) ?? {
        state: decider.initialState(),
        revision: -1,
        events: [],
      }) as Folded<unknown>;
      const decided = decideOn(
        decider,
        folded,
        command as DomainCommand,
        { occurredAt, now: NOW, refs: this.refs },
        stream,
      );
      let state = folded.state;
      const events: NewEvent[] = decided.map((e) => {
        const id = uuidv7();
        state = decider.evolve(state, { type: e.type, data: e.data, id, occurredAt });
        return {
          id,
          type: e.type,
          schemaVersion: currentSchemaVersion(e.type),
          data: e.data,
          metadata: {
            occurredAt,
            actor: 'clerk:bench',
            source: { kind: 'minutes', reference: `Minutes ${occurredAt.slice(0, 7)}` },
          },
        };
      });
      this.states.set(stream, {
        state,
        revision: folded.revision + events.length,
        lastOccurredAt: occurredAt,
        events: [],
      });
      pending.push(this.store.append(stream, events));
      this.written += events.length;
      this.lastOccurredAt = occurredAt;
      if (pending.length === 5000 || this.written >= target) {
        this.clock = new Date(Date.parse(occurredAt) + 86_400_000);
        await Promise.all(pending);
        pending = [];
      }
    }
  }
}

interface Figures {
  p50: number;
  p99: number;
}

function figures(times: number[]): Figures {
  const sorted = ascending(times);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

async function catchUp(projector: Projector, store: SqliteEventStore): Promise<number> {
  const t0 = performance.now();
  let page: StoredEvent[] = [];
  for await (const event of store.readAll({ fromPosition: projector.checkpoint + 1, pageSize: 2000 })) {
    page.push(event);
    if (page.length === 2000) {
      await projector.apply(page);
      page = [];
    }
  }
  await projector.apply(page);
  return (performance.now() - t0) / 1000;
}

async function measure(
  store: SqliteEventStore,
  rm: ReadModelDb,
  lastOccurredAt: string,
  queries: number,
  rng: () => number,
) {
  const date = () =>
    new Date(
      START + 40 * 86_400_000 + rng() * (Date.parse(lastOccurredAt) - START - 40 * 86_400_000),
    ).toISOString();
  const one = { snapshots: [] as number[], baseline: [] as number[] };
  const page = { snapshots: [] as number[], baseline: [] as number[] };
  let fromSnapshotsChecked = 0;
  for (let i = 0; i < queries + 10; i += 1) {
    const cut = { asOf: date() };
    const id = `p-${Math.floor(rng() * PROPOSALS)}`;
    let t0 = performance.now();
    const withSnapshots = await proposalAt(store, id, cut, { snapshots: rm });
    const tSnap = performance.now() - t0;
    t0 = performance.now();
    const folded = await proposalAt(store, id, cut);
    const tBase = performance.now() - t0;
    if (
      JSON.stringify([withSnapshots.state, withSnapshots.view]) !==
      JSON.stringify([folded.state, folded.view])
    )
      throw new Error(`snapshot answer differs for ${id} at ${cut.asOf}`);

    const after = `p-${Math.floor(rng() * PROPOSALS)}`;
    t0 = performance.now();
    const listed = await listProposals(store, rm, {
      filter: {},
      page: { after, limit: 50 },
      cut,
      viewer: PUBLIC,
    });
    const tList = performance.now() - t0;
    t0 = performance.now();
    const alone = [];
    for (const item of listed.items) alone.push((await proposalAt(store, item.proposalId, cut)).view.status);
    const tAlone = performance.now() - t0;
    if (JSON.stringify(alone) !== JSON.stringify(listed.items.map((x) => x.status)))
      throw new Error(`list at ${cut.asOf} differs from its proposals drawn alone`);
    fromSnapshotsChecked += 1 + listed.items.length;
    if (i < 10) continue; // warm-up
    one.snapshots.push(tSnap);
    one.baseline.push(tBase);
    page.snapshots.push(tList);
    page.baseline.push(tAlone);
  }
  return {
    one: { snapshots: figures(one.snapshots), baseline: figures(one.baseline) },
    page: { snapshots: figures(page.snapshots), baseline: figures(page.baseline) },
    checked: fromSnapshotsChecked,
  };
}

async function main(): Promise<void> {
  const steps = arg('steps', '10000,100000,1000000').split(',').map(Number);
  const queries = Number(arg('queries', '100'));
  const rng = mulberry32(Number(arg('seed', '7')));
  const dir = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'ledger-bench-snapshots-'));
  const out = (line = '') => process.stdout.write(`${line}\n`);
  const started = performance.now();
  try {
    const grower = new Grower(join(dir, 'ledger.db'), rng);
    const rm = ReadModelDb.open(join(dir, 'read.db'), 1);
    const projector = new Projector(rm, grower.store);
    out(
      `Dated snapshots benchmark — node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model.trim()}), load ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    out(
      `Workload: ${fmt(PROPOSALS)} alliance proposals from 1980, each amended twice a month, with a claim a year; ${queries} queries at random dates per size`,
    );
    const rows: Array<{ size: number; result: Awaited<ReturnType<typeof measure>> }> = [];
    for (const size of steps) {
      await grower.growTo(size);
      const projectSeconds = await catchUp(projector, grower.store);
      const snapshots = rm.db
        .prepare('SELECT count(*) AS n, coalesce(sum(length(state)), 0) AS bytes FROM rm_snapshots')
        .get() as { n: number; bytes: number };
      const result = await measure(grower.store, rm, grower.lastOccurredAt, queries, rng);
      rows.push({ size, result });
      const { one, page } = result;
      out();
      out(
        `${fmt(size)} events (to ${grower.lastOccurredAt.slice(0, 7)}, ~${fmt(size / PROPOSALS)} a proposal); projected in ${fmt(projectSeconds, 1)} s; ${fmt(snapshots.n)} snapshots, ${fmt(snapshots.bytes / 1024 / 1024, 1)} MiB of state`,
      );
      out(
        `  one proposal as of a date:  snapshots p50 ${fmt(one.snapshots.p50, 3)} ms, p99 ${fmt(one.snapshots.p99, 3)} ms | folded from the start p50 ${fmt(one.baseline.p50, 3)} ms, p99 ${fmt(one.baseline.p99, 3)} ms | ratio p50 ${fmt(one.snapshots.p50 / one.baseline.p50, 3)}`,
      );
      out(
        `  a page of 50 as of a date:  snapshots p50 ${fmt(page.snapshots.p50, 2)} ms, p99 ${fmt(page.snapshots.p99, 2)} ms | each alone, from the start p50 ${fmt(page.baseline.p50, 2)} ms, p99 ${fmt(page.baseline.p99, 2)} ms | ratio p50 ${fmt(page.snapshots.p50 / page.baseline.p50, 3)}`,
      );
      out(`  ${fmt(result.checked)} answers from snapshots checked against the baseline: all equal`);
    }
    const first = rows[0].result;
    const last = rows[rows.length - 1].result;
    out();
    out(
      `Largest / smallest (${fmt(rows[rows.length - 1].size)} / ${fmt(rows[0].size)} events; aim <= 2x with snapshots):`,
    );
    out(
      `  one proposal: snapshots p50 ${fmt(last.one.snapshots.p50 / first.one.snapshots.p50, 2)}x, p99 ${fmt(last.one.snapshots.p99 / first.one.snapshots.p99, 2)}x | folded from the start p50 ${fmt(last.one.baseline.p50 / first.one.baseline.p50, 2)}x`,
    );
    out(
      `  page of 50:   snapshots p50 ${fmt(last.page.snapshots.p50 / first.page.snapshots.p50, 2)}x, p99 ${fmt(last.page.snapshots.p99 / first.page.snapshots.p99, 2)}x | each alone from the start p50 ${fmt(last.page.baseline.p50 / first.page.baseline.p50, 2)}x`,
    );
    out(`Total ${fmt((performance.now() - started) / 1000, 1)} s`);
    rm.close();
    await grower.store.close();
  } finally {
    if (process.argv.includes('--keep')) process.stderr.write(`kept ${dir}\n`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
