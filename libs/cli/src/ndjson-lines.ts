import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

export interface Line {
  /** From 1. */
  number: number;
  text: string;
  /** Bytes read from the input when this line was yielded (for progress). */
  bytesRead: number;
}

/**
 * The lines of a stream, read chunk by chunk (a line is held whole, nothing more). A read error
 * ends the iteration with that error. `\r\n` endings are accepted.
 */
export async function* readLines(input: Readable): AsyncGenerator<Line> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let number = 0;
  let bytesRead = 0;
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    bytesRead += buffer.length;
    pending += decoder.write(buffer);
    let newline = pending.indexOf('\n');
    let start = 0;
    while (newline !== -1) {
      number += 1;
      const text = pending.slice(start, newline);
      yield { number, text: text.endsWith('\r') ? text.slice(0, -1) : text, bytesRead };
      start = newline + 1;
      newline = pending.indexOf('\n', start);
    }
    pending = pending.slice(start);
  }
  pending += decoder.end();
  if (pending !== '') yield { number: number + 1, text: pending, bytesRead };
}
