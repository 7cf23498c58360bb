import type { Writable } from 'node:stream';

/**
 * Writes text to a stream with back-pressure: lines are gathered into blocks of about 64 KiB, and a
 * write waits for 'drain' when the stream is full, so a slow reader holds the writer back instead
 * of the whole export piling up in memory.
 *
 * Each line may carry a mark (the export's: its event's position). `written` says what the stream
 * has taken: the lines of every block whose write it acknowledged, and the last one's mark. After a
 * failure that is what the output holds, where the lines handed to `write` may never have got there
 * (a file that could not be opened holds none of them).
 */
export class LineSink<Mark = unknown> {
  private buffer: string[] = [];
  private buffered = 0;
  private bufferedLines = 0;
  private lastMark: Mark | undefined;
  readonly written: { lines: number; mark?: Mark } = { lines: 0 };
  private failure: Error | null = null;
  private readonly onError = (error: Error) => {
    this.failure ??= error;
  };

  constructor(
    private readonly stream: Writable,
    private readonly blockSize = 64 * 1024,
  ) {
    stream.on('error', this.onError);
  }

  async write(text: string, mark?: Mark): Promise<void> {
    this.buffer.push(text);
    this.buffered += text.length;
    this.bufferedLines += 1;
    this.lastMark = mark;
    if (this.buffered >= this.blockSize) await this.flush();
  }

  async flush(): Promise<void> {
    this.check();
    if (this.buffer.length === 0) return;
    const block = this.buffer.join('');
    const lines = this.bufferedLines;
    const mark = this.lastMark;
    this.buffer = [];
    this.buffered = 0;
    this.bufferedLines = 0;
    const taken = (error?: Error | null) => {
      if (error) return;
      this.written.lines += lines;
      this.written.mark = mark;
    };
    if (!this.stream.write(block, taken)) await this.drained();
    this.check();
  }

  /** 'drain', or 'close'/'error': a broken stream never drains. */
  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.stream.off('drain', done);
        this.stream.off('close', done);
        this.stream.off('error', done);
        resolve();
      };
      this.stream.on('drain', done);
      this.stream.on('close', done);
      this.stream.on('error', done);
    });
  }

  /** Flushes; `end` also ends the stream and waits until the data is handed to the OS. */
  async close(end: boolean): Promise<void> {
    try {
      await this.flush();
      if (end) {
        const finished = new Promise<void>((resolve, reject) => {
          this.stream.once('finish', resolve);
          this.stream.once('error', reject);
        });
        this.stream.end();
        await finished;
      }
      if (this.failure) throw this.failure;
    } finally {
      this.stream.off('error', this.onError);
    }
  }

  /** Stops listening and drops what is buffered (after a failure). */
  abandon(): void {
    this.buffer = [];
    this.bufferedLines = 0;
    this.stream.off('error', this.onError);
    if (this.stream.listenerCount('error') === 0) this.stream.on('error', () => undefined);
  }

  private check(): void {
    if (this.failure) throw this.failure;
    if (this.stream.destroyed || this.stream.writableEnded) {
      throw Object.assign(new Error('The output was closed before the export finished'), { code: 'EPIPE' });
    }
  }
}
