import autocannon from 'autocannon';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { performance } from 'node:perf_hooks';
import { ascending, percentile } from '../support/bench-kit';

/** Connections autocannon keeps open, for the writes and the reads alike. */
export const CONNECTIONS = 64;

export interface Measured {
  seconds: number;
  statuses: Map<number, number>;
  latenciesMs: number[];
  errors: number;
  timeouts: number;
  autocannonP99: number;
}

/** One autocannon run; each call of `requestFor` gives the next request's path and body. */
export function cannon(
  url: string,
  seconds: number,
  headers: Record<string, string>,
  requestFor: () => { path: string; body?: string },
  countStatus: number,
  method: 'POST' | 'GET' = 'POST',
): Promise<Measured> {
  const statuses = new Map<number, number>();
  const latenciesMs: number[] = [];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const instance = autocannon(
      {
        url,
        connections: CONNECTIONS,
        pipelining: 1,
        duration: seconds,
        method,
        headers,
        requests: [
          {
            setupRequest: (req) => {
              const { path, body } = requestFor();
              return body === undefined ? { ...req, path } : { ...req, path, body };
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error instanceof Error ? error : new Error(String(error)));
        resolve({
          seconds: (performance.now() - started) / 1000,
          statuses,
          latenciesMs,
          errors: result.errors,
          timeouts: result.timeouts,
          autocannonP99: result.latency.p99,
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
      if (statusCode === countStatus) latenciesMs.push(responseTime);
    });
  });
}

/** A V8 CPU profile of `during` (the process is the server and autocannon both). */
export async function profiled<T>(file: string | undefined, during: () => Promise<T>): Promise<T> {
  if (!file) return during();
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<any>((resolve, reject) =>
      session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
    );
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  await post('Profiler.start');
  try {
    return await during();
  } finally {
    const { profile } = await post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  }
}

export function summary(m: Measured, status: number) {
  const counted = m.statuses.get(status) ?? 0;
  const sorted = ascending(m.latenciesMs);
  const others = [...m.statuses].filter(([s]) => s !== status).map(([s, n]) => `${s}×${n}`);
  return {
    counted,
    perSecond: counted / m.seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    others: others.length ? others.join(' ') : 'none',
  };
}
