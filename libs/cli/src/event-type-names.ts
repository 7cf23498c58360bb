import leven from 'leven';
import { EVENT_TYPES, isLedgerEventType } from '@ledger/domain';
import { CliError } from './errors';

/**
 * The event type `name` was most likely meant to be: the same letters in another case, else the
 * nearest within a few edits (letters added, dropped or changed: leven's Levenshtein distance;
 * fewer for a short name, so that a guess is not a wild one).
 */
export function closestEventType(name: string): string | undefined {
  const lower = name.toLowerCase();
  const sameLetters = EVENT_TYPES.find((type) => type.toLowerCase() === lower);
  if (sameLetters) return sameLetters;
  const allowed = Math.max(1, Math.min(3, Math.floor(name.length / 4)));
  let best: { type: string; distance: number } | undefined;
  for (const type of EVENT_TYPES) {
    const distance = leven(lower, type.toLowerCase());
    if (distance <= allowed && (!best || distance < best.distance)) best = { type, distance };
  }
  return best?.type;
}

/**
 * Refuses event type names the ledger has no events of: filtering by one would export nothing
 * and exit 0, and a mistyped `--types` would pass for an empty export. Each unknown name is
 * named, with the type it was likely meant to be; the known types are listed when one has none.
 */
export function checkEventTypeNames(flag: string, names: readonly string[], nothingDone: string): void {
  const unknown = [...new Set(names.filter((name) => !isLedgerEventType(name)))];
  if (unknown.length === 0) return;
  const guesses = unknown.map((name) => ({ name, guess: closestEventType(name) }));
  const named = guesses
    .map(({ name, guess }) => (guess ? `${name} (did you mean ${guess}?)` : name))
    .join(', ');
  const list = guesses.some(({ guess }) => !guess)
    ? ` The ledger's event types: ${[...EVENT_TYPES].sort().join(', ')}.`
    : '';
  throw new CliError(
    'unknown-event-type',
    `${flag} names ${unknown.length === 1 ? 'an event type' : 'event types'} the ledger does not have: ${named}; ${nothingDone}.${list}`,
  );
}
