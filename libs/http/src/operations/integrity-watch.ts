import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { EVENT_STORE, SqliteEventStore, type EventStore } from '@ledger/event-store';
import {
  describeFailure,
  IntegrityPassThread,
  type LedgerVerificationReport,
  type TreeHead,
} from '@ledger/integrity';
import { LEDGER_START_CHECK, LedgerConfig, type LedgerStartCheck } from '@ledger/platform';
import { LedgerIntegrity } from '../integrity/ledger-integrity.service';
import { ProblemException } from '../problems/problem';

export interface IntegrityStatus {
  /** ok: the last pass verified; tampered: it found a problem; pending: no pass has finished yet; off: not on this store. */
  state: 'ok' | 'tampered' | 'pending' | 'off';
  passes: number;
  lastPass?: {
    finishedAt: string;
    durationMs: number;
    eventsChecked: number;
    head: number;
    tree: TreeHead;
    anchors: TreeHead[];
  };
  /** What the last pass found wrong, first problem first, with the way out. */
  problem?: {
    code: string;
    message: string;
    event?: { position: number; id: string };
    problemCount: number;
    summary: string;
    remedy: string | null;
  };
}

/**
 * Notices tampering while the service runs. Its first pass is the service's check at start (the
 * whole file, before the store opened it). Then every LEDGER_INTEGRITY_CHECK_INTERVAL_MS it walks the
 * ledger file again with `ledger verify`'s own verifier (every event's hash, the chains, the
 * Merkle leaves and nodes, the append-only triggers), a page of 500 events at a time on its own
 * read-only connection, pausing three times as long as each page took, on a thread of its own
 * (IntegrityPassThread): a pass costs at most a quarter of a core, and none of the thread that
 * answers requests (on a ledger of a million events a pass runs for most of each interval). Each pass is also held to anchors: the tree
 * head of the last pass that verified and the last checkpoint the service handed out, so that a
 * history rewritten with a matching Merkle log (which every check inside the file would accept)
 * still shows. The result is on /ready, /metrics and GET /ledger/verification.
 */
@Injectable()
export class IntegrityWatch implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(IntegrityWatch.name);
  private thread?: IntegrityPassThread;
  private status: IntegrityStatus = { state: 'pending', passes: 0 };
  private verifiedHead?: TreeHead;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private running?: Promise<void>;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly config: LedgerConfig,
    private readonly integrity: LedgerIntegrity,
    @Optional() @Inject(LEDGER_START_CHECK) private readonly startCheck?: LedgerStartCheck,
  ) {}

  onApplicationBootstrap(): void {
    const file = this.store instanceof SqliteEventStore ? this.store.file : undefined;
    if (!file) {
      this.status = { state: 'off', passes: 0 };
      return;
    }
    this.thread = new IntegrityPassThread(file);
    // The check at start walked the whole file a moment ago: it is the first pass, and the next
    // comes an interval later (on a new file, with nothing to check yet, the first one does).
    const atStart = this.startCheck?.report;
    if (atStart) this.record(atStart, []);
    this.schedule(this.config.LEDGER_INTEGRITY_CHECK_INTERVAL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.thread?.close();
    await this.running;
  }

  current(): IntegrityStatus {
    return this.status;
  }

  /**
   * Refuses `what` while the last pass found the ledger tampered with: a write would chain onto
   * a history that does not verify, and a signed tree head would vouch for it. Reads go on, so
   * that auditors can look at what is there.
   */
  assertIntact(what: string): void {
    const { state, problem } = this.status;
    if (state !== 'tampered' || !problem) return;
    throw new ProblemException('ledger-tampered', `${what} is refused: ${problem.summary}`, {
      remedy: problem.remedy,
    });
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.pass()
        .catch((error: unknown) =>
          this.logger.error(`Integrity pass failed to run: ${(error as Error).message}`),
        )
        .finally(() => this.schedule(this.config.LEDGER_INTEGRITY_CHECK_INTERVAL_MS));
    }, delayMs);
    this.timer.unref();
  }

  private async pass(): Promise<void> {
    const anchors = [this.verifiedHead, this.integrity.lastIssued].filter(
      (h): h is TreeHead => h !== undefined,
    );
    const report = await this.thread!.pass({ anchors, pageSize: 500 });
    if (report === undefined || this.stopped) return;
    this.record(report, anchors);
  }

  private record(report: LedgerVerificationReport, anchors: TreeHead[]): void {
    const lastPass = {
      finishedAt: new Date().toISOString(),
      durationMs: report.durationMs,
      eventsChecked: report.eventsChecked,
      head: report.head,
      tree: report.tree,
      anchors,
    };
    const wasOk = this.status.state !== 'tampered';
    if (report.ok) {
      this.verifiedHead = report.tree;
      this.status = { state: 'ok', passes: this.status.passes + 1, lastPass };
      return;
    }
    const first = report.problems[0];
    const bad = report.firstBadEvent;
    this.status = {
      state: 'tampered',
      passes: this.status.passes + 1,
      lastPass,
      problem: {
        code: bad?.code ?? first.code,
        message: bad?.message ?? first.message,
        ...(bad ? { event: { position: bad.position, id: bad.id } } : {}),
        problemCount: report.problemCount,
        summary: describeFailure(report, 'while the service runs'),
        remedy: report.remedy,
      },
    };
    if (wasOk) this.logger.error(this.status.problem!.summary);
  }
}
