/** What the benchmark scripts share: options, a seeded PRNG, and how figures are printed. */

/** The value of `--name` on the command line, or the fallback. */
export const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};

/** A seeded PRNG (mulberry32), so that every run generates the same ledger. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The p-th percentile of sorted figures (nearest rank). */
export const percentile = (sorted: number[], p: number): number =>
  sorted.length === 0
    ? Number.NaN
    : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

/** The figures sorted, ascending, for percentile. */
export const ascending = (figures: readonly number[]): number[] => [...figures].sort((a, b) => a - b);

/** The middle figure (the upper of the two middle ones for an even count). */
export const median = (figures: number[]): number => ascending(figures)[Math.floor(figures.length / 2)];

export const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export const mib = (bytes: number): string => `${fmt(bytes / 1024 / 1024)} MiB`;
