import type { StateKind } from './deciders';
import { spokenByReferences } from './proposals/spoken-by';
import type { AggregateStates, Reference } from './shared/decider';

/**
 * What else must be loaded once a state is known: successors, members, the bodies of a meeting.
 * The same references say what a record names (named-records.ts), so kept apart from the
 * registry that loads them.
 */
export function referencesOfState(kind: StateKind, state: AggregateStates[StateKind]): Reference[] {
  switch (kind) {
    case 'decisionref':
      return [];
    case 'body': {
      const s = state as AggregateStates['body'];
      return s.successorId ? [{ kind: 'body', id: s.successorId }] : [];
    }
    case 'alliance':
      return (state as AggregateStates['alliance']).members.map((m) => ({
        kind: 'body' as const,
        id: m.bodyId,
      }));
    case 'meeting': {
      const s = state as AggregateStates['meeting'];
      return [
        ...s.bodyIds.map((id) => ({ kind: 'body' as const, id })),
        // An alliance's meeting is of its members too (meetingIsOf): what one of them records at
        // it must find them whatever else the command loads.
        ...(s.allianceId ? [{ kind: 'alliance' as const, id: s.allianceId }] : []),
        ...(s.chair?.personId ? [{ kind: 'person' as const, id: s.chair.personId }] : []),
      ];
    }
    case 'proposal': {
      const s = state as AggregateStates['proposal'];
      return [
        ...(s.allianceId ? [{ kind: 'alliance' as const, id: s.allianceId }] : []),
        ...[
          s.bodyId,
          s.tabledBy,
          ...s.referredTo,
          ...s.decisions.map((d) => d.bodyId),
          ...s.recommendations.map((r) => r.byBodyId),
        ]
          .filter((id): id is string => Boolean(id))
          .map((id) => ({ kind: 'body' as const, id })),
        ...s.decisions.flatMap((d) => (d.personId ? [{ kind: 'person' as const, id: d.personId }] : [])),
        ...[...s.decisions, ...s.recommendations].flatMap((x) =>
          x.meetingId ? [{ kind: 'meeting' as const, id: x.meetingId }] : [],
        ),
        // The votes that carried its decisions, and so their meetings: a decision carried by a
        // vote at a private meeting was taken in private (shared/publicity.ts).
        ...s.decisions.flatMap((d) => (d.voteEventId ? [{ kind: 'vote' as const, id: d.voteEventId }] : [])),
        // Who spoke, and for whom, so that reads name them.
        ...[s.takenForward?.spokenBy, ...s.claims.map((c) => c.spokenBy)].flatMap(spokenByReferences),
      ];
    }
    case 'vote': {
      const s = state as AggregateStates['vote'];
      return s.exists
        ? [
            { kind: 'proposal', id: s.proposalId },
            { kind: 'meeting', id: s.meetingId },
            ...s.votingBodyIds.map((id) => ({ kind: 'body' as const, id })),
          ]
        : [];
    }
    case 'person':
      return [];
    case 'document': {
      const s = state as AggregateStates['document'];
      return [
        ...(s.meetingId ? [{ kind: 'meeting' as const, id: s.meetingId }] : []),
        ...(s.proposalId ? [{ kind: 'proposal' as const, id: s.proposalId }] : []),
      ];
    }
    case 'question': {
      const s = state as AggregateStates['question'];
      return s.exists ? [{ kind: 'meeting', id: s.meetingId }] : [];
    }
    case 'review': {
      const s = state as AggregateStates['review'];
      return s.exists
        ? [
            { kind: 'body', id: s.panelBodyId },
            { kind: 'proposal', id: s.proposalId },
            ...(s.meetingId ? [{ kind: 'meeting' as const, id: s.meetingId }] : []),
          ]
        : [];
    }
  }
}
