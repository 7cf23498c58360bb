import type { Writable } from 'node:stream';

/**
 * Writes text to a stream with back-pressure: lines are gathered into blocks of about 64 KiB, and a
 * write waits for 'drain' when the stream is full, so a slow reader holds the writer back instead
 * of the whole export piling up in memory.
 */
export class LineSink {
  private buffer: string[] = [];
  private buffered = 0;
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

  async write(text: string): Promise<void> {
    this.buffer.push(text);
    this.buffered += text.length;
    if (this.buffered >= this.blockSize) await this.flush();
  }

  async flush(): Promise<void> {
    this.check();
    if (this.buffer.length === 0) return;
    const block = this.buffer.join('');
    this.buffer = [];
    this.buffered = 0;
    if (!this.stream.write(block)) await this.drained();
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
