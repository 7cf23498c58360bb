/** The generated world: commands decided by the domain's deciders against in-memory states. */
import { randomUUID } from 'node:crypto';
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
import type { NewEvent, SourceRef } from '@ledger/event-store';

type AnyDecider = Decider<any, DomainCommand, DomainEvent>;

/** One command of the workload, with when, by whom and on what source it is entered. */
export interface Step {
  command: LedgerCommand;
  occurredAt: string;
  source: SourceRef;
  actor: string;
}

/** What the generator recorded, to check the rebuilt read models against. */
export interface Expected {
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

export class World {
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
      const data = e.data;
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
