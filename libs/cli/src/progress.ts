import { SingleBar } from 'cli-progress';
import type { CliIo } from './cli-io';

export interface Progress {
  update(value: number): void;
  /** Removes the bar, so the summary line that follows stands alone. */
  stop(): void;
}

export interface ProgressOptions {
  label: string;
  total: number;
  unit: 'events' | 'bytes';
  /** Below this total the run is short: no bar. */
  minTotal: number;
}

const silent: Progress = { update() {}, stop() {} };

function humanBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(2)} GiB`;
}

/**
 * A progress bar on stderr for a long run, when stderr is a terminal. Otherwise (a pipe, a log
 * file, a short run, a total not known) nothing at all is written, so redirected output stays clean.
 */
export function startProgress(io: CliIo, options: ProgressOptions): Progress {
  if (io.stderr.isTTY !== true || !Number.isFinite(options.total) || options.total < options.minTotal)
    return silent;
  const bar = new SingleBar({
    stream: io.stderr,
    format: `${options.label} [{bar}] {percentage}% | {value}/{total}${options.unit === 'events' ? ' events' : ''} | {eta_formatted} left`,
    formatValue: (value, _opts, type) =>
      options.unit === 'bytes' && (type === 'value' || type === 'total') ? humanBytes(value) : String(value),
    barCompleteChar: '█',
    barIncompleteChar: '░',
    hideCursor: true,
    clearOnComplete: true,
    etaBuffer: 200,
    fps: 5,
  });
  bar.start(options.total, 0);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    bar.stop();
  };
  // On Ctrl-C the bar leaves the line at once: what is said next is not drawn over.
  io.signal?.addEventListener('abort', stop, { once: true });
  return {
    update(value) {
      if (!stopped) bar.update(Math.min(value, options.total));
    },
    stop,
  };
}
