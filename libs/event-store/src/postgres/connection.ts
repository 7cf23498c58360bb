import { setTimeout as sleep } from 'node:timers/promises';
import postgres, { type Options, type Sql } from 'postgres';

/**
 * The `postgres` client (porsager's) as the ledger uses it: int8 as a JavaScript number (positions
 * and revisions stay far below 2^53), notices muted, and the connection string as given, so a
 * multi-host URL with `target_session_attrs=read-write` finds the primary after a failover.
 */
export function connectPostgres(url: string, options: Options<Record<string, never>> = {}): Sql {
  return postgres(url, {
    max: 10,
    connect_timeout: 5,
    idle_timeout: 60,
    onnotice: () => undefined,
    types: {
      int8: { to: 20, from: [20], serialize: (x: number) => String(x), parse: (x: string) => Number(x) },
    },
    ...options,
  } as Options<Record<string, never>>);
}

/** PostgreSQL SQLSTATE classes and client codes that mean "the server went away", not "you asked wrong". */
const CONNECTION_STATES = new Set(['57P01', '57P02', '57P03', '25006', '53300']);
const CONNECTION_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);

/**
 * True when the error is the connection's, not the statement's: the primary died, is shutting
 * down, or this host is a standby (read-only) until it is promoted. Such work may be retried on a
 * new connection; an append is safe to retry because its event ids make it idempotent.
 */
export function isConnectionError(error: unknown): boolean {
  const e = error as { code?: string; errno?: string; message?: string } | undefined;
  if (!e || typeof e !== 'object') return false;
  const code = String(e.code ?? e.errno ?? '');
  if (CONNECTION_CODES.has(code) || CONNECTION_STATES.has(code) || code.startsWith('08')) return true;
  return /target_session_attrs|read-only transaction|the database system is (starting up|shutting down|in recovery)/i.test(
    e.message ?? '',
  );
}

/**
 * Runs `work` again while the connection is lost (a failover), up to `timeoutMs`, waiting longer
 * each time; stops at once when `stopped()` (the store was closed).
 */
export async function retryWhileDisconnected<T>(
  work: () => Promise<T>,
  timeoutMs: number,
  stopped: () => boolean,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let wait = 50;
  for (;;) {
    try {
      return await work();
    } catch (error) {
      if (!isConnectionError(error) || stopped() || Date.now() + wait > deadline) throw error;
      await sleep(wait);
      wait = Math.min(wait * 2, 1000);
    }
  }
}
