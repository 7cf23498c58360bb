/**
 * The shape of the generated governance workload: its sizes, the names it draws from, the dates it
 * runs on, and what it keeps of each region between the days of a month.
 */

const REGIONS = 40;
const NEW_PROPOSALS = 10; // per region and month: 1,000,000 events take about 22 years, from 1990
const SERVICES = [
  'HR',
  'finance',
  'ICT',
  'procurement',
  'estates',
  'fleet',
  'legal',
  'custody',
  'control room',
  'forensics',
  'training',
  'payroll',
];
const CONTRACTORS = ['G4S', 'Serco', 'Capita', 'Sopra Steria', 'Shared Services Connected Limited', 'Mitie'];
const SUBJECTS = ['contract-value', 'savings', 'funding-gap', 'staff-affected', 'other'] as const;
const QUALIFIERS = ['exactly', 'about', 'up-to', 'more-than'] as const;
const CLAIMANTS = ['BBC', 'local newspaper', 'the forces', 'the contractor', 'UNISON', 'the working group'];
export { REGIONS, NEW_PROPOSALS, SERVICES, CONTRACTORS, SUBJECTS, QUALIFIERS, CLAIMANTS };

/** An instant of month m of the workload (0 is January 1990; -12 is 1989, the setup), at day and time. */
export const month = (m: number, day: number, time: string) => {
  const d = new Date(Date.UTC(1990, m, day));
  return `${d.toISOString().slice(0, 10)}T${time}:00.000Z`;
};

/** The random draws of the workload, all from one seeded PRNG, so that every run generates the same ledger. */
export interface Draws {
  rng: () => number;
  pick: <T>(list: readonly T[]) => T;
  chance: (p: number) => boolean;
}

export function drawsFrom(rng: () => number): Draws {
  const pick = <T>(list: readonly T[]) => list[Math.floor(rng() * list.length)];
  const chance = (p: number) => rng() < p;
  return { rng, pick, chance };
}

export interface Region {
  r: number;
  jwg: string;
  bodies: string[];
  /** personId holding each post, by body. */
  holders: Record<string, { commissioner: string; deputy: string }>;
  alliance: string;
  /** Tabled last month: on this month's agenda. */
  due: Array<{ proposalId: string; alliance: boolean; bodies: string[] }>;
  /** Deferred by some bodies last month: decided this month by those bodies. */
  carried: Array<{ proposalId: string; bodies: string[] }>;
  /** Proposals whose state the generator may drop after this month. */
  done: string[];
}

/** The measured proposal: the first alliance proposal agreed by all three bodies. */
export interface Watched {
  proposalId: string;
  tabledAt: string;
  lastAt: string;
}

/** A region's meeting of the month: scheduled on day 3, held on day 15. */
export interface Meeting {
  meetingId: string;
  public: boolean;
  agenda: Region['due'];
  carried: Region['carried'];
}
