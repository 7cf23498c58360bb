/** Headers that belong to one request: its correlation id, its date, where its rate-limit window stands. */
const PER_REQUEST = ['x-correlation-id', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'date'];

/**
 * An answer's headers but those of one request (and any named in `also`): what a kept answer must
 * repeat of the one it was kept from. The window's reset counts down in seconds, so two reads a
 * second apart differ there.
 */
export function lastingHeaders(headers: Record<string, unknown>, also: readonly string[] = []) {
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => !PER_REQUEST.includes(name) && !also.includes(name)),
  );
}
