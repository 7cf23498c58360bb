/**
 * Whether something was done in public, as the record states it: a meeting's `public`, a
 * decision's `inPublic`. Absent means the source does not say, and not stated is not private:
 * only a stated `false` withholds anything from the public (libs/projections visibility.ts).
 */
export const PUBLICITIES = ['public', 'private', 'not-stated'] as const;
export type Publicity = (typeof PUBLICITIES)[number];

export function publicityOf(inPublic: boolean | undefined | null): Publicity {
  if (inPublic === undefined || inPublic === null) return 'not-stated';
  return inPublic ? 'public' : 'private';
}
