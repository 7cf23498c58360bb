import { startProgress } from './progress';
import { captureIo } from './testing/cli-fixtures';

describe('progress on stderr', () => {
  it('draws nothing when stderr is not a terminal (pipes and log files stay clean)', () => {
    const { io, err } = captureIo();
    const progress = startProgress(io, { label: 'export', total: 1_000_000, unit: 'events', minTotal: 10 });
    progress.update(500_000);
    progress.stop();
    expect(err.text()).toBe('');
  });

  it('draws nothing for a short run or an unknown total, even on a terminal', () => {
    const { io, err } = captureIo();
    err.isTTY = true;
    startProgress(io, { label: 'export', total: 5, unit: 'events', minTotal: 10 }).stop();
    startProgress(io, { label: 'import', total: Number.NaN, unit: 'bytes', minTotal: 10 }).stop();
    expect(err.text()).toBe('');
  });

  it('draws a bar on a terminal for a long run, and clears it when stopped', () => {
    const { io, err } = captureIo();
    err.isTTY = true;
    const progress = startProgress(io, {
      label: 'import',
      total: 8 * 1024 * 1024,
      unit: 'bytes',
      minTotal: 10,
    });
    progress.update(2 * 1024 * 1024);
    progress.stop();
    expect(err.text()).toMatch(/import \[.*\] 0% \| 0 B\/8\.0 MiB/);
    expect(err.text()).toMatch(/import \[.*\] 25% \| 2\.0 MiB\/8\.0 MiB/);
  });
});

describe('progress and Ctrl-C', () => {
  it('takes the bar off the line as soon as the run is aborted, so the message that follows stands alone', () => {
    const controller = new AbortController();
    const { io, err } = captureIo({ signal: controller.signal });
    err.isTTY = true;
    const progress = startProgress(io, { label: 'rebuild', total: 10_000, unit: 'events', minTotal: 10 });
    progress.update(2_000);
    controller.abort();
    const drawn = err.text();
    io.stderr.write('Stopping at the next clean point\n');
    progress.update(4_000);
    progress.stop();
    expect(err.text()).toBe(`${drawn}Stopping at the next clean point\n`);
  });
});
