/**
 * Projections benchmark. Run: npm run bench:projections
 *
 * One ledger on a temp file is grown in steps (10,000, 100,000, then 1,000,000 events) with a
 * governance workload generated through the domain's own deciders: regions, each with three
 * Police-and-Crime-Commissioner-like deciding bodies (posts and office holders), an advisory joint
 * working group and an alliance; every month each region tables proposals (with claims), holds a
 * meeting (agenda, chair, attendees) where the working group recommends, some proposals are voted
 * on, amended, and each body decides through the person holding its post (approve / reject, then
 * the proposal is discontinued / defer, then decided next month); late claims follow. Every command
 * is decided by `decideOn` against the current states (so the rules hold), and the events are
 * appended with `SqliteEventStore.append` in large group-committed batches (synchronous=OFF, for
 * generation speed only).
 *
 * Measured (nothing is typed in):
 *   1. as-of latency p50 / p99 of `proposalAt(store, id, { asOf })` for ONE proposal (200 random
 *      dates over its life, after a warm-up) at each size, and the ratio largest / smallest; the
 *      same with a `knownAt` cut as well, for information;
 *   2. at 1,000,000 events: a raw better-sqlite3 scan of the events table with JSON.parse of data
 *      and source (before and after the rebuild), and `new Projector(ReadModelFolder.open(1),
 *      store).rebuildFromScratch()` in a child process, so that its memory is the rebuild's alone:
 *      events/s of each and the ratio (against the faster raw scan);
 *   3. the rebuild's peak memory: RSS and heap sampled with process.memoryUsage() at every page,
 *      process.resourceUsage().maxRSS, and the live heap after a full GC at the end.
 * The rebuild runs on two threads: its writer thread reads the ledger's pages and executes the
 * SQLite writes (rebuild/writer-thread.ts), the main thread folds and renders. Its time is split
 * into the main thread's waits (for pages, for the writer) and the rest, with the writer thread's
 * own busy time beside. CPU time (of both threads) is printed
 * beside wall-clock time, and so is the ratio per CPU-second, as the raw scan uses one core.
 * The rebuilt read models are checked against what was generated (proposals, decisions,
 * recommendations, meetings, bodies, people, votes).
 *
 * Options: --steps 10000,100000,1000000  --queries 200  --seed 42  --keep (leave the ledger file). BENCH_DIR sets
 * the temp folder.
 */
import Database from 'better-sqlite3';
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import { rebuildThroughCli } from './cli-rebuild';
import { runInNewContext } from 'node:vm';
import {
  currentSchemaVersion,
  decideOn,
  DECIDERS,
  streamOfCommand,
  type AggregateKind,
  type AggregateStates,
  type Decider,
  type DomainCommand,
  type DomainEvent,
  type Folded,
  type LedgerCommand,
  type References,
} from '@ledger/domain';
import {
  SqliteEventStore,
  type NewEvent,
  type ProjectedEvent,
  type ReadAllOptions,
  type SourceRef,
  type StoredEvent,
} from '@ledger/event-store';
import { Projector, ReadModelFolder, proposalAt } from '@ledger/projections';
import { arg, fmt, mib, mulberry32, percentile } from '../support/bench-kit';

type AnyDecider = Decider<any, DomainCommand, DomainEvent>;

// ---------------------------------------------------------------------------------------------
// The generated world: commands decided by the domain's deciders against in-memory states.

interface Step {
  command: LedgerCommand;
  occurredAt: string;
  source: SourceRef;
  actor: string;
}

interface Expected {
  proposals: number;
  decisions: number;
  recommendations: number;
  meetings: number;
  bodies: number;
  people: number;
  voteEvents: number;
  votes: number;
  claims: number;
}

const NOW = new Date().toISOString();

/**
 * The vote decider puts keys with undefined values in its events (VoteOpened.bodyId or .allianceId,
 * VoteCast.declaredInterest), which the store refuses as not plain JSON: votes cannot be recorded
 * through CommandRunner as it stands. The generator drops those keys, as JSON would.
 */
function withoutUndefined(data: unknown): unknown {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return data;
  const entries = Object.entries(data);
  return entries.some(([, v]) => v === undefined)
    ? Object.fromEntries(entries.filter(([, v]) => v !== undefined))
    : data;
}

class World {
  private readonly states = new Map<string, Folded<unknown>>();
  readonly expected: Expected = {
    proposals: 0,
    decisions: 0,
    recommendations: 0,
    meetings: 0,
    bodies: 0,
    people: 0,
    voteEvents: 0,
    votes: 0,
    claims: 0,
  };
  readonly refs: References = { get: (kind, id) => this.states.get(`${kind}-${id}`)?.state as never };

  get<K extends AggregateKind>(kind: K, id: string): AggregateStates[K] | undefined {
    return this.refs.get(kind, id);
  }

  forget(kind: AggregateKind, id: string): void {
    this.states.delete(`${kind}-${id}`);
  }

  /** Decides `step` with the domain's rules (a broken rule throws), folds the events in, returns them to append. */
  decide(step: Step): { stream: string; events: NewEvent[] } {
    const { kind, stream } = streamOfCommand(step.command);
    const decider = DECIDERS[kind] as AnyDecider;
    const folded = (this.states.get(stream) ?? {
      state: decider.initialState(),
      revision: -1,
      events: [],
    }) as Folded<unknown>;
    let decided;
    try {
      decided = decideOn(
        decider,
        folded,
        step.command as DomainCommand,
        { occurredAt: step.occurredAt, now: NOW, refs: this.refs },
        stream,
      );
    } catch (error) {
      throw new Error(
        `generator: ${step.command.type} on ${stream} at ${step.occurredAt} refused: ${(error as Error).message}`,
        { cause: error },
      );
    }
    let state = folded.state;
    const events: NewEvent[] = decided.map((e) => {
      const id = randomUUID();
      const data = withoutUndefined(e.data);
      state = decider.evolve(state, { type: e.type, data, id, occurredAt: step.occurredAt });
      return {
        id,
        type: e.type,
        schemaVersion: currentSchemaVersion(e.type),
        data,
        metadata: { occurredAt: step.occurredAt, actor: step.actor, source: step.source },
      };
    });
    this.states.set(stream, {
      state,
      revision: folded.revision + events.length,
      lastOccurredAt: step.occurredAt,
      events: [],
    });
    this.count(step.command.type);
    return { stream, events };
  }

  private count(type: LedgerCommand['type']): void {
    const e = this.expected;
    if (type === 'TableProposal') e.proposals += 1;
    else if (type === 'RecordDecision') e.decisions += 1;
    else if (type === 'IssueRecommendation') e.recommendations += 1;
    else if (type === 'ScheduleMeeting') e.meetings += 1;
    else if (type === 'RegisterBody') e.bodies += 1;
    else if (type === 'RegisterPerson') e.people += 1;
    else if (type === 'OpenVote') e.voteEvents += 1;
    else if (type === 'CastVote') e.votes += 1;
    else if (type === 'RecordClaim') e.claims += 1;
  }
}

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

const month = (m: number, day: number, time: string) => {
  const d = new Date(Date.UTC(1990, m, day));
  return `${d.toISOString().slice(0, 10)}T${time}:00.000Z`;
};

interface Region {
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
interface Watched {
  proposalId: string;
  tabledAt: string;
  lastAt: string;
}

function* governance(world: World, rng: () => number, onWatched: (w: Watched) => void): Generator<Step> {
  const pick = <T>(list: readonly T[]) => list[Math.floor(rng() * list.length)];
  const chance = (p: number) => rng() < p;
  const regions: Region[] = [];
  let watched: Watched | undefined;

  // Setup, 1989: bodies, posts, office holders, alliances.
  for (let r = 0; r < REGIONS; r += 1) {
    const area = `Region ${r}`;
    const source = (what: string): SourceRef => ({
      kind: 'statute',
      reference: `Police Reform and Social Responsibility Act 2011: ${what} (${area})`,
    });
    const actor = `clerk:region-${r}`;
    const region: Region = {
      r,
      jwg: `jwg-${r}`,
      bodies: [0, 1, 2].map((k) => `pcc-${r}-${k}`),
      holders: {},
      alliance: `alliance-${r}`,
      due: [],
      carried: [],
      done: [],
    };
    const at = month(-12, 1 + (r % 28), '09:00');
    yield {
      actor,
      occurredAt: at,
      source: source('joint working group'),
      command: {
        type: 'RegisterBody',
        data: {
          bodyId: region.jwg,
          name: `${area} Joint Collaboration Working Group`,
          classification: 'joint-working-group',
          area,
          powers: 'advises',
          foundingDate: '1989-01-01',
        },
      },
    };
    for (const [k, bodyId] of region.bodies.entries()) {
      yield {
        actor,
        occurredAt: at,
        source: source('commissioner'),
        command: {
          type: 'RegisterBody',
          data: {
            bodyId,
            name: `Police and Crime Commissioner for ${area} ${k}`,
            classification: 'police-and-crime-commissioner',
            area: `${area} ${k}`,
            powers: 'decides',
            foundingDate: '1989-01-01',
          },
        },
      };
      for (const postId of ['commissioner', 'deputy'] as const) {
        yield {
          actor,
          occurredAt: at,
          source: source(postId),
          command: {
            type: 'CreatePost',
            data: {
              bodyId,
              postId,
              label: `${postId === 'deputy' ? 'Deputy ' : ''}Police and Crime Commissioner for ${area} ${k}`,
              role:
                postId === 'deputy'
                  ? 'Deputy Police and Crime Commissioner'
                  : 'Police and Crime Commissioner',
            },
          },
        };
      }
      const holders = { commissioner: `person-${r}-${k}-c`, deputy: `person-${r}-${k}-d` };
      region.holders[bodyId] = holders;
      for (const postId of ['commissioner', 'deputy'] as const) {
        const personId = holders[postId];
        yield {
          actor,
          occurredAt: at,
          source: source('election result'),
          command: {
            type: 'RegisterPerson',
            data: {
              personId,
              name: `${pick(['Alex', 'Sam', 'Jo', 'Chris', 'Pat', 'Robin'])} ${pick(['Martins', 'Bright', 'Lloyd', 'Okafor', 'Nguyen', 'Dupont'])}`,
            },
          },
        };
        yield {
          actor,
          occurredAt: at,
          source: source('declaration of acceptance of office'),
          command: {
            type: 'AppointOfficeHolder',
            data: { bodyId, membershipId: `${personId}-1989`, postId, personId, startDate: '1989-01-01' },
          },
        };
      }
    }
    yield {
      actor,
      occurredAt: at,
      source: source('collaboration agreement'),
      command: {
        type: 'FormAlliance',
        data: {
          allianceId: region.alliance,
          name: `${area} Strategic Alliance`,
          decisionRule: { kind: 'unanimity' },
          foundingDate: '1989-01-01',
          memberIds: region.bodies,
        },
      },
    };
    regions.push(region);
  }

  for (let m = 0; ; m += 1) {
    // Day 1-2: proposals tabled, with claims.
    for (const region of regions) {
      const actor = `clerk:region-${region.r}`;
      for (let i = 0; i < NEW_PROPOSALS; i += 1) {
        const proposalId = `p-${region.r}-${m}-${i}`;
        const alliance = chance(0.8);
        const body = pick(region.bodies);
        const scope = [pick(SERVICES), pick(SERVICES), pick(SERVICES)].filter(
          (s, j, all) => all.indexOf(s) === j,
        );
        const contractor = chance(0.6) ? pick(CONTRACTORS) : undefined;
        const source: SourceRef = {
          kind: 'report',
          reference: `Report to the working group ${m}/${i}: ${scope.join(', ')}`,
          url: `https://example.org/region-${region.r}/reports/${m}-${i}`,
        };
        yield {
          actor,
          occurredAt: month(m, 1, `09:${String(i).padStart(2, '0')}`),
          source,
          command: {
            type: 'TableProposal',
            data: {
              proposalId,
              title: `${contractor ? 'Outsourcing' : 'Collaboration'} of ${scope.join(' and ')} ${alliance ? 'across the alliance' : `for ${body}`}`,
              description: `A business case for ${contractor ? `outsourcing ${scope.join(', ')} to ${contractor}` : `sharing ${scope.join(', ')} between the forces`}, with a review of costs, staff affected and the timetable for implementation in year ${1990 + Math.floor(m / 12)}.`,
              scope,
              ...(contractor ? { contractor, framework: `${contractor} framework contract` } : {}),
              tabledBy: alliance ? region.jwg : body,
              ...(alliance ? { allianceId: region.alliance } : { bodyId: body }),
            },
          },
        };
        const claims = 1 + Math.floor(rng() * 3);
        for (let c = 0; c < claims; c += 1) {
          const subject = pick(SUBJECTS);
          yield {
            actor,
            occurredAt: month(m, 2, `10:${String(i).padStart(2, '0')}`),
            source: {
              kind: 'news-report',
              reference: `${pick(CLAIMANTS)}, ${month(m, 2, '00:00').slice(0, 10)}: "${subject} of the plan"`,
            },
            command: {
              type: 'RecordClaim',
              data: {
                proposalId,
                claimId: `claim-${c}`,
                subject,
                amount:
                  subject === 'staff-affected'
                    ? Math.floor(rng() * 2000)
                    : Math.floor(rng() * 100) * 1_000_000,
                unit: subject === 'staff-affected' ? 'people' : 'GBP',
                qualifier: pick(QUALIFIERS),
                ...(chance(0.5) ? { period: pick(['a year', 'over 10 years', 'over 5 years']) } : {}),
                claimant: pick(CLAIMANTS),
                statement: `The plan's ${subject.replace('-', ' ')} is said to be significant`,
              },
            },
          };
        }
        region.due.push({ proposalId, alliance, bodies: alliance ? region.bodies : [body] });
      }
    }

    // Day 3: this month's meeting is scheduled, with last month's proposals and the deferred ones on its agenda.
    const meetings = new Map<
      number,
      { meetingId: string; public: boolean; agenda: Region['due']; carried: Region['carried'] }
    >();
    for (const region of regions) {
      const actor = `clerk:region-${region.r}`;
      const meetingId = `m-${region.r}-${m}`;
      const isPublic = chance(0.9);
      const agenda = region.due.filter((p) => !p.proposalId.startsWith(`p-${region.r}-${m}-`));
      region.due = region.due.filter((p) => p.proposalId.startsWith(`p-${region.r}-${m}-`));
      const carried = region.carried;
      region.carried = [];
      meetings.set(region.r, { meetingId, public: isPublic, agenda, carried });
      const source: SourceRef = {
        kind: 'agenda',
        reference: `Agenda of meeting ${meetingId}`,
        url: `https://example.org/region-${region.r}/meetings/${m}`,
      };
      yield {
        actor,
        occurredAt: month(m, 3, '08:00'),
        source,
        command: {
          type: 'ScheduleMeeting',
          data: {
            meetingId,
            title: `Strategic alliance board, month ${m}`,
            bodyIds: [...region.bodies, region.jwg],
            allianceId: region.alliance,
            scheduledFor: month(m, 15, '10:00'),
            place: `Headquarters ${region.r}`,
            public: isPublic,
          },
        },
      };
      for (const [n, item] of [
        ...agenda.map((p) => p.proposalId),
        ...carried.map((p) => p.proposalId),
      ].entries()) {
        yield {
          actor,
          occurredAt: month(m, 3, '09:00'),
          source,
          command: {
            type: 'AddAgendaItem',
            data: {
              meetingId,
              itemId: `item-${n}`,
              title: `Business case ${item}`,
              proposalId: item,
              exempt: !isPublic,
              ...(isPublic
                ? {}
                : { exemptionReason: 'Commercially confidential: contract negotiations in progress' }),
            },
          },
        };
      }
    }

    // Day 15: the meetings are held; recommendations, votes, amendments, decisions.
    for (const region of regions) {
      const actor = `clerk:region-${region.r}`;
      const meeting = meetings.get(region.r)!;
      const minutes = (what: string): SourceRef => ({
        kind: 'minutes',
        reference: `Minutes of ${meeting.meetingId}: ${what}`,
        url: `https://example.org/region-${region.r}/minutes/${m}`,
      });
      const chairBody = region.bodies[0];
      yield {
        actor,
        occurredAt: month(m, 15, '10:00'),
        source: minutes('attendance'),
        command: {
          type: 'RecordMeetingHeld',
          data: {
            meetingId: meeting.meetingId,
            place: `Headquarters ${region.r}`,
            chair: { personId: region.holders[chairBody].commissioner, bodyId: chairBody, capacity: 'chair' },
            attendees: region.bodies.map((bodyId) => ({
              personId: region.holders[bodyId].commissioner,
              bodyId,
              capacity: 'Police and Crime Commissioner',
            })),
          },
        },
      };
      const decideBy = function* (
        proposalId: string,
        bodies: string[],
        fresh: boolean,
        n: number,
      ): Generator<Step, { deferred: string[] }> {
        const deferred: string[] = [];
        const rejected: string[] = [];
        for (const [k, bodyId] of bodies.entries()) {
          const roll = rng();
          const outcome = !fresh ? 'approve' : roll < 0.06 ? 'reject' : roll < 0.14 ? 'defer' : 'approve';
          const deputy = chance(0.2);
          const decisionId = `decision-${m}-${k}`;
          yield {
            actor,
            occurredAt: month(m, 15, `12:${String(n % 60).padStart(2, '0')}`),
            source: {
              kind: 'decision-record',
              reference: `PCC/D/${region.r}/${m}/${n}/${k}`,
              url: `https://example.org/region-${region.r}/decisions/${m}-${n}-${k}`,
            },
            command: {
              type: 'RecordDecision',
              data: {
                proposalId,
                decisionId,
                bodyId,
                postId: deputy ? 'deputy' : 'commissioner',
                personId: deputy ? region.holders[bodyId].deputy : region.holders[bodyId].commissioner,
                outcome,
                reference: `PCC/D/${region.r}/${m}/${n}/${k}`,
                inPublic: meeting.public,
                meetingId: meeting.meetingId,
                rationale:
                  outcome === 'approve'
                    ? 'The business case shows savings without loss of service; approved subject to contract.'
                    : outcome === 'reject'
                      ? 'The framework contract is not suitable for the position of the force; negotiations are discontinued.'
                      : 'More information on staff affected is needed before a decision.',
              },
            },
          };
          if (outcome === 'defer') deferred.push(bodyId);
          if (outcome === 'reject') {
            rejected.push(decisionId);
            break; // the proposal is discontinued: nobody else decides
          }
        }
        if (rejected.length > 0) {
          yield {
            actor,
            occurredAt: month(m, 15, `13:${String(n % 60).padStart(2, '0')}`),
            source: minutes('discontinued'),
            command: {
              type: 'DiscontinueProposal',
              data: {
                proposalId,
                decisionIds: rejected,
                reason: 'A member rejected the business case.',
                meetingId: meeting.meetingId,
              },
            },
          };
          return { deferred: [] };
        }
        return { deferred };
      };
      for (const [n, p] of meeting.agenda.entries()) {
        if (chance(0.1)) {
          yield {
            actor,
            occurredAt: month(m, 15, '10:30'),
            source: minutes('amendment'),
            command: {
              type: 'AmendProposal',
              data: {
                proposalId: p.proposalId,
                changes: {
                  description: `Amended at ${meeting.meetingId}: the business case now phases the change over three years and protects front-line posts.`,
                },
                reason: 'Amended in discussion',
                meetingId: meeting.meetingId,
              },
            },
          };
        }
        yield {
          actor,
          occurredAt: month(m, 15, '11:00'),
          source: minutes('recommendation'),
          command: {
            type: 'IssueRecommendation',
            data: {
              proposalId: p.proposalId,
              recommendationId: `rec-${m}`,
              byBodyId: region.jwg,
              toBodyIds: p.bodies,
              content: chance(0.85) ? 'proceed' : pick(['do-not-proceed', 'amend'] as const),
              rationale: 'The working group has reviewed the business case and the claims made about it.',
              meetingId: meeting.meetingId,
            },
          },
        };
        if (p.alliance && chance(0.2)) {
          const voteEventId = `vote-${p.proposalId}`;
          yield {
            actor,
            occurredAt: month(m, 15, '11:30'),
            source: minutes('vote'),
            command: {
              type: 'OpenVote',
              data: {
                voteEventId,
                proposalId: p.proposalId,
                meetingId: meeting.meetingId,
                question: `That the alliance proceeds with ${p.proposalId}`,
                allianceId: region.alliance,
              },
            },
          };
          for (const bodyId of region.bodies) {
            yield {
              actor,
              occurredAt: month(m, 15, '11:35'),
              source: minutes('vote'),
              command: {
                type: 'CastVote',
                data: {
                  voteEventId,
                  personId: region.holders[bodyId].commissioner,
                  bodyId,
                  option: chance(0.9) ? 'yes' : pick(['no', 'abstain'] as const),
                },
              },
            };
          }
          yield {
            actor,
            occurredAt: month(m, 15, '11:40'),
            source: minutes('vote'),
            command: { type: 'CloseVote', data: { voteEventId } },
          };
          world.forget('vote', voteEventId);
        }
        const { deferred } = yield* decideBy(p.proposalId, p.bodies, true, n);
        if (deferred.length > 0) region.carried.push({ proposalId: p.proposalId, bodies: deferred });
        else region.done.push(p.proposalId);
        if (
          !watched &&
          p.alliance &&
          deferred.length === 0 &&
          world.get('proposal', p.proposalId)?.lifecycle === 'open' &&
          world.get('proposal', p.proposalId)?.decisions.length === 3
        ) {
          watched = {
            proposalId: p.proposalId,
            tabledAt: world.get('proposal', p.proposalId)!.tabledAt,
            lastAt: month(m, 20, '09:00'),
          };
          onWatched(watched);
        }
      }
      for (const [n, p] of meeting.carried.entries()) {
        yield* decideBy(p.proposalId, p.bodies, false, meeting.agenda.length + n);
        region.done.push(p.proposalId);
      }
    }

    // Day 20: late claims on some decided proposals; then the generator forgets what it no longer needs.
    for (const region of regions) {
      for (const proposalId of region.done) {
        if (chance(0.05)) {
          yield {
            actor: `clerk:region-${region.r}`,
            occurredAt: month(m, 20, '09:00'),
            source: {
              kind: 'news-report',
              reference: `${pick(CLAIMANTS)}: a figure after the decision on ${proposalId}`,
            },
            command: {
              type: 'RecordClaim',
              data: {
                proposalId,
                claimId: 'claim-late',
                subject: 'savings',
                amount: Math.floor(rng() * 50) * 1_000_000,
                unit: 'GBP',
                qualifier: 'about',
                claimant: pick(CLAIMANTS),
                statement: 'Savings claimed after the decision',
              },
            },
          };
        }
        world.forget('proposal', proposalId);
      }
      region.done = [];
      world.forget('meeting', meetings.get(region.r)!.meetingId);
    }
  }
}

/** Appends generated events until the ledger holds `target` events; each command yields one event. */
class Grower {
  private readonly steps: Generator<Step>;
  written = 0;
  watched?: Watched;
  private clock = new Date(Date.UTC(1989, 0, 1));
  private reported = 0;

  constructor(
    private readonly world: World,
    readonly store: SqliteEventStore,
    rng: () => number,
  ) {
    this.steps = governance(world, rng, (w) => (this.watched = w));
  }

  /** What the store uses as recordedAt: a day after the latest occurredAt appended. */
  now(): Date {
    return this.clock;
  }

  async growTo(target: number): Promise<number> {
    const started = performance.now();
    let pending: Array<Promise<unknown>> = [];
    let batchLatest = '';
    let batchEarliest = '';
    while (this.written < target) {
      const step = this.steps.next().value as Step;
      const { stream, events } = this.world.decide(step);
      if (events.length !== 1)
        throw new Error(`generator: ${step.command.type} gave ${events.length} events`);
      pending.push(this.store.append(stream, events));
      if (step.occurredAt > batchLatest) batchLatest = step.occurredAt;
      batchEarliest ||= step.occurredAt;
      this.written += events.length;
      // A batch is what a clerk enters in a day or two: at most 5000 events, recorded a day after the latest.
      if (
        pending.length === 5000 ||
        this.written >= target ||
        Date.parse(batchLatest) - Date.parse(batchEarliest) > 86_400_000
      ) {
        // One group commit of the whole batch, recorded a day after it happened.
        const recorded = new Date(Date.parse(batchLatest) + 86_400_000);
        if (recorded > this.clock) this.clock = recorded;
        await Promise.all(pending);
        pending = [];
        batchEarliest = '';
        if (this.written - this.reported >= 100_000) {
          this.reported = this.written;
          process.stderr.write(`  generated ${fmt(this.written)} events\r`);
        }
      }
    }
    const head = await this.store.head();
    if (head !== target) throw new Error(`generator: head ${head}, expected ${target}`);
    return (performance.now() - started) / 1000;
  }
}

// ---------------------------------------------------------------------------------------------
// Measurements.

interface Latency {
  p50: number;
  p99: number;
  mean: number;
  /** The same, in CPU time of this process: what the query costs, without the waits of a shared machine. */
  cpuP50: number;
  cpuP99: number;
  statuses: string[];
  eventsRead: number;
}

const cpuSince = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
};

/** A full GC before each set of queries, so the generator's garbage is not collected during them. */
v8.setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

async function asOfLatency(
  store: SqliteEventStore,
  watched: Watched,
  queries: number,
  seed: number,
  knownAt: boolean,
): Promise<Latency> {
  const rng = mulberry32(seed);
  collectGarbage();
  const from = Date.parse(watched.tabledAt);
  const to = Date.parse(watched.lastAt) + 30 * 86_400_000;
  const cut = () => {
    if (!knownAt) return { asOf: new Date(from + rng() * (to - from)).toISOString() };
    // As the register stood at K (entries are recorded within about two days), for a date T before K.
    const known = from + 3 * 86_400_000 + rng() * (to - from - 3 * 86_400_000);
    return {
      asOf: new Date(from + rng() * (known - from)).toISOString(),
      knownAt: new Date(known).toISOString(),
    };
  };
  for (let i = 0; i < 50; i += 1) await proposalAt(store, watched.proposalId, cut()); // warm-up
  const times: number[] = [];
  const cpu: number[] = [];
  const statuses = new Set<string>();
  for (let i = 0; i < queries; i += 1) {
    const c = cut();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const snapshot = await proposalAt(store, watched.proposalId, c);
    times.push(performance.now() - t0);
    cpu.push(cpuSince(c0) * 1000);
    statuses.add(snapshot.view.status);
  }
  cpu.sort((a, b) => a - b);
  const eventsRead = await streamsRead(store, watched.proposalId);
  times.sort((a, b) => a - b);
  return {
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    mean: times.reduce((s, t) => s + t, 0) / times.length,
    cpuP50: percentile(cpu, 50),
    cpuP99: percentile(cpu, 99),
    statuses: [...statuses].sort(),
    eventsRead,
  };
}

/** Events in the streams an as-of query of the proposal reads (its own, and those its state leads to). */
async function streamsRead(store: SqliteEventStore, proposalId: string): Promise<number> {
  const snapshot = await proposalAt(store, proposalId, {});
  const state = snapshot.state;
  const streams = new Set<string>([`proposal-${proposalId}`]);
  if (state.allianceId) streams.add(`alliance-${state.allianceId}`);
  for (const id of [
    state.bodyId,
    state.tabledBy,
    ...state.referredTo,
    ...state.decisions.map((d) => d.bodyId),
    ...state.recommendations.map((r) => r.byBodyId),
  ])
    if (id) streams.add(`body-${id}`);
  for (const d of state.decisions) if (d.personId) streams.add(`person-${d.personId}`);
  for (const x of [...state.decisions, ...state.recommendations])
    if (x.meetingId) streams.add(`meeting-${x.meetingId}`);
  let n = 0;
  for (const stream of streams) n += (await store.streamInfo(stream)).revision + 1;
  return n;
}

interface Scan {
  events: number;
  seconds: number;
  rate: number;
  /** CPU seconds (user + system) of this process: the machine may be shared. */
  cpuSeconds: number;
}

/** The floor: every row of the events table in position order, data and source parsed. */
function rawScan(path: string): Scan {
  const db = new Database(path, { fileMustExist: true });
  try {
    const select = db.prepare(
      `SELECT position, id, stream, revision, type, schema_version, data, occurred_at, recorded_at, actor, correlation_id, causation_id, source, prev_hash, hash
       FROM events ORDER BY position`,
    );
    let events = 0;
    let check = 0;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (const row of select.iterate() as IterableIterator<{
      data: string;
      source: string;
      position: number;
    }>) {
      const data = JSON.parse(row.data) as Record<string, unknown>;
      const source = JSON.parse(row.source) as SourceRef;
      check += Object.keys(data).length + source.kind.length;
      events += 1;
    }
    const seconds = (performance.now() - t0) / 1000;
    const cpuSeconds = cpuSince(c0);
    if (check === 0) throw new Error('raw scan read nothing');
    return { events, seconds, rate: events / seconds, cpuSeconds };
  } finally {
    db.close();
  }
}

function eventTypes(path: string): string {
  const db = new Database(path, { fileMustExist: true });
  try {
    const rows = db
      .prepare('SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY n DESC')
      .all() as Array<{ type: string; n: number }>;
    return rows.map((r) => `${r.type} ${fmt(r.n)}`).join(', ');
  } finally {
    db.close();
  }
}

interface RebuildResult {
  applied: number;
  seconds: number;
  rate: number;
  cpuSeconds: number;
  split: Split;
  checkpoint: number;
  memory: {
    before: NodeJS.MemoryUsage;
    peakRss: number;
    peakHeapUsed: number;
    peakHeapTotal: number;
    peakExternal: number;
    maxRss: number;
    samples: number;
    liveHeapAfter: number;
    cached: number;
  };
  counts: Record<string, number>;
  statuses: Record<string, number>;
  readModelBytes: number;
}

/** Where the rebuild's time goes, as its writer thread reports it (and around the store, if the main thread reads). */
interface Split {
  /** Inside the store's readAll or readProjectedPages iterator, when the main thread reads the log itself. */
  readSeconds: number;
  /** The writer thread's time reading pages of the ledger and executing SQLite writes (rebuild/writer-thread.ts), on the other core. */
  writerBusySeconds: number;
  /** The main thread's time waiting for the writer thread to catch up, or to finish at the end. */
  waitedSeconds: number;
  /** The main thread's time waiting for the next page from the writer thread. */
  pagesWaitedSeconds: number;
}

/** The store, with the time spent inside its readers' iterators counted. */
function timedStore(store: SqliteEventStore, split: Split): SqliteEventStore {
  async function* timed(events: AsyncIterable<StoredEvent>): AsyncGenerator<StoredEvent> {
    const iterator = events[Symbol.asyncIterator]();
    for (;;) {
      const t0 = performance.now();
      const next = await iterator.next();
      split.readSeconds += (performance.now() - t0) / 1000;
      if (next.done) return;
      yield next.value;
    }
  }
  function* timedPages(pages: Iterator<ProjectedEvent[]>): Generator<ProjectedEvent[]> {
    for (;;) {
      const t0 = performance.now();
      const next = pages.next();
      split.readSeconds += (performance.now() - t0) / 1000;
      if (next.done) return;
      yield next.value;
    }
  }
  return new Proxy(store, {
    get(target, property) {
      if (property === 'readAll') return (options: ReadAllOptions) => timed(target.readAll(options));
      if (property === 'readProjectedPages')
        return (from: number, size: number) => timedPages(target.readProjectedPages(from, size));
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** In the child: rebuilds the ledger's read models from scratch, sampling memory at every page. */
async function rebuildChild(ledger: string): Promise<void> {
  const before = process.memoryUsage();
  const folder = new ReadModelFolder(ledger);
  folder.prune(0); // from scratch, whatever an earlier run left
  const store = new SqliteEventStore({ path: ledger });
  const rm = folder.open(1);
  const split: Split = { readSeconds: 0, writerBusySeconds: 0, waitedSeconds: 0, pagesWaitedSeconds: 0 };
  const projector = new Projector(rm, timedStore(store, split));
  const memory = {
    before,
    peakRss: before.rss,
    peakHeapUsed: before.heapUsed,
    peakHeapTotal: before.heapTotal,
    peakExternal: before.external,
    maxRss: 0,
    samples: 0,
    liveHeapAfter: 0,
    cached: 0,
  };
  const sample = () => {
    const m = process.memoryUsage();
    memory.samples += 1;
    if (m.rss > memory.peakRss) memory.peakRss = m.rss;
    if (m.heapUsed > memory.peakHeapUsed) memory.peakHeapUsed = m.heapUsed;
    if (m.heapTotal > memory.peakHeapTotal) memory.peakHeapTotal = m.heapTotal;
    if (m.external > memory.peakExternal) memory.peakExternal = m.external;
  };
  const head = await store.head();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const applied = await projector.rebuildFromScratch((position) => {
    sample();
    if (position % 100_000 === 0) process.stderr.write(`  rebuilt ${fmt(position)} / ${fmt(head)} events\r`);
  });
  const seconds = (performance.now() - t0) / 1000;
  const cpuSeconds = cpuSince(c0);
  const thread = projector.lastRebuild;
  const splitOfRebuild: Split = {
    ...split,
    writerBusySeconds: thread?.busySeconds ?? 0,
    waitedSeconds: thread?.waitedSeconds ?? 0,
    pagesWaitedSeconds: thread?.pagesWaitedSeconds ?? 0,
  };
  sample();
  memory.maxRss = process.resourceUsage().maxRSS * 1024;
  // What stays live once garbage is collected, with the projector (and its cache of aggregate states) still held.
  collectGarbage();
  memory.liveHeapAfter = process.memoryUsage().heapUsed;
  memory.cached = projector.aggregates.size;
  const count = (table: string) =>
    (rm.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const counts: Record<string, number> = {};
  for (const table of [
    'rm_proposals',
    'rm_decisions',
    'rm_recommendations',
    'rm_meetings',
    'rm_bodies',
    'rm_people',
    'rm_vote_events',
    'rm_votes',
    'rm_aggregates',
    'rm_entity_events',
  ])
    counts[table] = count(table);
  const statuses = Object.fromEntries(
    (
      rm.db
        .prepare('SELECT status, count(*) AS n FROM rm_proposals GROUP BY status ORDER BY status')
        .all() as Array<{ status: string; n: number }>
    ).map((r) => [r.status, r.n]),
  );
  const result: RebuildResult = {
    applied,
    seconds,
    rate: applied / seconds,
    cpuSeconds,
    split: splitOfRebuild,
    checkpoint: projector.checkpoint,
    memory,
    counts,
    statuses,
    readModelBytes: 0,
  };
  const path = rm.path;
  rm.close();
  await store.close();
  result.readModelBytes = statSync(path).size;
  if (process.send) process.send(result);
  else process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** The node flags the service runs with (package.json's start script): the rebuild is measured as it runs there. */
const SERVICE_NODE_FLAGS = (
  JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { scripts: { start: string } }
).scripts.start
  .split(/\s+/)
  .filter((a) => a.startsWith('--'));

function rebuildInChild(ledger: string): Promise<RebuildResult> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['--rebuild-child', ledger], {
      execArgv: ['-r', '@swc-node/register', ...SERVICE_NODE_FLAGS],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: RebuildResult | undefined;
    child.on('message', (message) => (result = message as RebuildResult));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 && result ? resolve(result) : reject(new Error(`rebuild child exited with ${code}`)),
    );
  });
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const steps = arg('steps', '10000,100000,1000000').split(',').map(Number);
  const queries = Number(arg('queries', '200'));
  const seed = Number(arg('seed', '42'));
  const dir = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'ledger-bench-projections-'));
  const ledger = join(dir, 'ledger.db');
  const started = performance.now();
  const load0 = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  const out = (line = '') => process.stdout.write(`${line}\n`);
  try {
    const world = new World();
    // The store's clock is the generator's, which needs the store: made first, filled in below.
    const clock: { of?: Grower } = {};
    const store = new SqliteEventStore({ path: ledger, synchronous: 'OFF', clock: () => clock.of!.now() });
    // Generation speed only: group commit runs each append in a savepoint, whose statement journal
    // goes to a temp file by default; in memory it costs about half.
    store.db.pragma('temp_store = MEMORY');
    const grower = new Grower(world, store, mulberry32(seed));
    clock.of = grower;
    const sqliteVersion = (store.db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
    out(
      `Projections benchmark — node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model.trim()}), SQLite ${sqliteVersion}`,
    );
    out(`Ledger: ${ledger}`);
    out(
      `Workload: ${REGIONS} regions (3 deciding bodies with 2 posts and office holders, a working group, an alliance each); per region and month ${NEW_PROPOSALS} proposals tabled`,
    );
    out(
      `  with 1-3 claims, a meeting (agenda, chair, attendees), a recommendation, 10% amended, 20% of alliance proposals voted on,`,
    );
    out(
      `  decisions by the post holders (8% defer, 6% reject then discontinue), 5% late claims. Every command decided by the domain's deciders.`,
    );
    out();
    out('1. As-of latency: proposalAt(store, id, { asOf }) for one proposal, random dates over its life');
    const latencies: Array<{ size: number; asOf: Latency; knownAt: Latency; generateSeconds: number }> = [];
    for (const size of steps) {
      const generateSeconds = await grower.growTo(size);
      if (!grower.watched) throw new Error('no proposal to watch yet: the first step is too small');
      const asOf = await asOfLatency(store, grower.watched, queries, seed + size, false);
      const knownAt = await asOfLatency(store, grower.watched, queries, seed + size + 1, true);
      latencies.push({ size, asOf, knownAt, generateSeconds });
      process.stderr.write('\n');
      out(
        `   ${fmt(size).padStart(9)} events in the ledger (${fmt(size - (latencies.at(-2)?.size ?? 0))} generated in ${fmt(generateSeconds, 1)} s); ${queries} queries, ${asOf.eventsRead} events in the streams read, statuses seen: ${asOf.statuses.join(', ')}`,
      );
      out(
        `             asOf:           p50 ${fmt(asOf.p50, 3)} ms, p99 ${fmt(asOf.p99, 3)} ms, mean ${fmt(asOf.mean, 3)} ms (CPU time: p50 ${fmt(asOf.cpuP50, 3)} ms, p99 ${fmt(asOf.cpuP99, 3)} ms)`,
      );
      out(
        `             asOf + knownAt: p50 ${fmt(knownAt.p50, 3)} ms, p99 ${fmt(knownAt.p99, 3)} ms, mean ${fmt(knownAt.mean, 3)} ms (CPU time: p50 ${fmt(knownAt.cpuP50, 3)} ms, p99 ${fmt(knownAt.cpuP99, 3)} ms)`,
      );
    }
    const first = latencies[0];
    const last = latencies[latencies.length - 1];
    const ratio = (a: number, b: number) => `${fmt(a / b, 2)}x`;
    out(
      `   proposal ${grower.watched!.proposalId}; ratio ${fmt(last.size)} / ${fmt(first.size)} events (aim <= 2x):`,
    );
    out(
      `             asOf:           p50 ${ratio(last.asOf.p50, first.asOf.p50)}, p99 ${ratio(last.asOf.p99, first.asOf.p99)} (CPU time: p50 ${ratio(last.asOf.cpuP50, first.asOf.cpuP50)}, p99 ${ratio(last.asOf.cpuP99, first.asOf.cpuP99)})`,
    );
    out(
      `             asOf + knownAt: p50 ${ratio(last.knownAt.p50, first.knownAt.p50)}, p99 ${ratio(last.knownAt.p99, first.knownAt.p99)} (CPU time: p50 ${ratio(last.knownAt.cpuP50, first.knownAt.cpuP50)}, p99 ${ratio(last.knownAt.cpuP99, first.knownAt.cpuP99)})`,
    );
    await store.close();
    const ledgerBytes = statSync(ledger).size;
    out();

    out(`2. Rebuild from scratch vs raw scan, ${fmt(last.size)} events (ledger file ${mib(ledgerBytes)})`);
    out(`   events by type: ${eventTypes(ledger)}`);
    const raw1 = rawScan(ledger);
    const rebuild = await rebuildInChild(ledger);
    process.stderr.write('\n');
    const raw2 = rawScan(ledger);
    const raw = raw1.rate >= raw2.rate ? raw1 : raw2;
    const perCpu = (n: number, cpu: number) => `${fmt(n / cpu)} events/CPU-s`;
    out(
      `   raw better-sqlite3 scan + JSON.parse(data, source), before the rebuild: ${fmt(raw1.events)} events in ${fmt(raw1.seconds, 2)} s = ${fmt(raw1.rate)} events/s (${perCpu(raw1.events, raw1.cpuSeconds)})`,
    );
    out(
      `   raw scan again, after the rebuild:                                  ${fmt(raw2.events)} events in ${fmt(raw2.seconds, 2)} s = ${fmt(raw2.rate)} events/s (${perCpu(raw2.events, raw2.cpuSeconds)})`,
    );
    out(
      `   new Projector(ReadModelFolder.open(1), store).rebuildFromScratch:    ${fmt(rebuild.applied)} events in ${fmt(rebuild.seconds, 2)} s = ${fmt(rebuild.rate)} events/s (${perCpu(rebuild.applied, rebuild.cpuSeconds)}), pages of 2000, node ${SERVICE_NODE_FLAGS.join(' ') || '(no flags)'} as the service runs`,
    );
    out(
      `   ratio rebuild / raw (the faster raw run): ${fmt(rebuild.rate / raw.rate, 3)} wall-clock, ${fmt(rebuild.applied / rebuild.cpuSeconds / (raw.events / raw.cpuSeconds), 3)} per CPU-second (aim >= 0.3)`,
    );
    const sp = rebuild.split;
    const share = (x: number) => `${fmt(x, 1)} s (${fmt((100 * x) / rebuild.seconds)}%)`;
    out(`   where the rebuild's time goes (as its writer thread reports it):`);
    out(`     main thread, reading events through the store itself:            ${share(sp.readSeconds)}`);
    out(
      `     main thread, waiting for pages read by the writer thread:        ${share(sp.pagesWaitedSeconds)}`,
    );
    out(`     main thread, waiting for the writer thread to catch up or finish: ${share(sp.waitedSeconds)}`);
    out(
      `     main thread, parsing pages, folding, rendering, handing over:    ${share(rebuild.seconds - sp.readSeconds - sp.pagesWaitedSeconds - sp.waitedSeconds)}`,
    );
    out(
      `     writer thread (the other core), reading pages, SQLite writes, the entity index: ${share(sp.writerBusySeconds)} busy`,
    );
    out(`   read models written: ${mib(rebuild.readModelBytes)}; checkpoint ${fmt(rebuild.checkpoint)}`);
    const e = world.expected;
    const checks: Array<[string, number, number]> = [
      ['proposals', e.proposals, rebuild.counts.rm_proposals],
      ['decisions', e.decisions, rebuild.counts.rm_decisions],
      ['recommendations', e.recommendations, rebuild.counts.rm_recommendations],
      ['meetings', e.meetings, rebuild.counts.rm_meetings],
      ['bodies', e.bodies, rebuild.counts.rm_bodies],
      ['people', e.people, rebuild.counts.rm_people],
      ['vote events', e.voteEvents, rebuild.counts.rm_vote_events],
      ['votes cast', e.votes, rebuild.counts.rm_votes],
    ];
    const failed = checks.filter(([, want, got]) => want !== got);
    out(
      `   check: ${checks.map(([name, want, got]) => `${name} ${fmt(got)}${want === got ? '' : ` (expected ${fmt(want)})`}`).join(', ')} — ${failed.length === 0 ? 'all as generated' : 'MISMATCH'}`,
    );
    out(
      `   proposal statuses: ${Object.entries(rebuild.statuses)
        .map(([s, n]) => `${s} ${fmt(n)}`)
        .join(
          ', ',
        )}; applied ${fmt(rebuild.applied)} = head ${fmt(last.size)}: ${rebuild.applied === last.size && rebuild.checkpoint === last.size ? 'yes' : 'NO'}`,
    );
    out();

    const m = rebuild.memory;
    out(
      `3. Memory of the ${fmt(last.size)}-event rebuild (child process; ${fmt(m.samples)} samples, one per page)`,
    );
    out(`   before: RSS ${mib(m.before.rss)}, heap used ${mib(m.before.heapUsed)}`);
    out(
      `   peak sampled: RSS ${mib(m.peakRss)}, heap used ${mib(m.peakHeapUsed)}, heap total ${mib(m.peakHeapTotal)}, external ${mib(m.peakExternal)}`,
    );
    out(`   process.resourceUsage().maxRSS: ${mib(m.maxRss)}`);
    out(
      `   live heap after a full GC at the end, the projector still held: ${mib(m.liveHeapAfter)} (${fmt(m.cached)} aggregate states in its cache)`,
    );
    const cli = await rebuildThroughCli(ledger, SERVICE_NODE_FLAGS);
    out(
      `   the same rebuild as the product runs it (\`ledger projections rebuild\`, compiled, node ${SERVICE_NODE_FLAGS.join(' ')}): peak RSS ${mib(cli.peakRss)} (VmHWM; aim < 600 MB = 572 MiB) ${cli.peakRss < 600e6 ? 'met' : 'NOT met'}, in ${fmt(cli.seconds, 1)} s with the check at start; before it, \`ledger projections status\` (which caught up the Merkle log the generator left out and built the first read models) peaked at ${mib(cli.statusPeakRss)}`,
    );
    out();
    out(
      `Total ${fmt((performance.now() - started) / 1000, 1)} s; load average at the end ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} (at the start ${load0})`,
    );
    if (failed.length > 0 || rebuild.applied !== last.size) process.exitCode = 1;
  } finally {
    if (process.argv.includes('--keep')) process.stderr.write(`kept ${ledger}\n`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--rebuild-child') {
  rebuildChild(process.argv[3]).catch((error) => {
    process.stderr.write(`${(error as Error).stack}\n`);
    process.exit(1);
  });
} else {
  main().catch((error) => {
    process.stderr.write(`${(error as Error).stack}\n`);
    process.exit(1);
  });
}
