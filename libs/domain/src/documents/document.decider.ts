import { SCHEDULE_12A_PARAGRAPHS } from '../meetings/meeting.events';
import type { Decider, DecideContext, DomainCommand, References } from '../shared/decider';
import { assertNever } from '../shared/decider';
import { omit } from '../shared/omit';
import { takenInPrivate } from '../shared/publicity';
import { ensure } from '../shared/rules';
import { DOCUMENT_FIELD_VALUES, type DocumentEvent } from './document.events';

type Recorded = DocumentEvent['data'];

export interface DocumentState extends Omit<Recorded, 'documentId'> {
  exists: boolean;
  documentId: string;
  /** The event that recorded it: its scope, for who may see it. */
  eventId?: string;
  /** When that event happened: reads at a date list the documents recorded by then. */
  occurredAt?: string;
}

declare module '../shared/decider' {
  interface AggregateStates {
    document: DocumentState;
  }
}

export type DocumentCommand = DomainCommand<'RecordDocument', Recorded>;

const initialState = (): DocumentState => ({
  exists: false,
  documentId: '',
  title: '',
  kind: 'report',
  mediaType: '',
  sha256: '',
  size: 0,
  publishedAt: '',
  visibility: 'public',
});

/** Exempt with a Schedule 12A paragraph, or public with none. */
function checkVisibility(data: Recorded): void {
  if (data.visibility === 'exempt')
    ensure(
      data.exemptParagraph !== undefined &&
        (SCHEDULE_12A_PARAGRAPHS as readonly number[]).includes(data.exemptParagraph),
      'schedule-12a-paragraph',
      `Exempt document ${data.documentId} names ${data.exemptParagraph === undefined ? 'no paragraph' : `paragraph ${data.exemptParagraph}`}; Schedule 12A has paragraphs 1 to 7`,
    );
  else
    ensure(
      data.exemptParagraph === undefined,
      'invalid-value',
      `Public document ${data.documentId} cannot name an exempt paragraph`,
    );
}

/** What the document belongs to exists. */
function checkLinks(data: Recorded, refs: References): void {
  if (data.meetingId !== undefined) {
    const meeting = refs.get('meeting', data.meetingId);
    ensure(meeting?.exists, 'not-found', `Meeting ${data.meetingId} is not recorded`);
    if (data.itemId !== undefined)
      ensure(
        meeting.agenda.some((i) => i.itemId === data.itemId),
        'not-found',
        `${meeting.title} has no agenda item ${data.itemId}`,
      );
  } else ensure(data.itemId === undefined, 'invalid-value', 'An agenda item is named with its meeting');
  if (data.proposalId !== undefined) {
    const proposal = refs.get('proposal', data.proposalId);
    ensure(proposal?.exists, 'not-found', `Proposal ${data.proposalId} is not recorded`);
    if (data.decisionId !== undefined)
      ensure(
        proposal.decisions.some((d) => d.decisionId === data.decisionId),
        'not-found',
        `Proposal ${data.proposalId} has no decision ${data.decisionId}`,
      );
  } else ensure(data.decisionId === undefined, 'invalid-value', 'A decision is named with its proposal');
}

/**
 * A document of an exempt item or of a decision taken in private is itself exempt, so it cannot
 * show the public what they may not see. Read as the ledger holds them now: an item or a decision
 * found later to be withheld holds its documents to it when they are corrected.
 */
function checkWithheld(data: Recorded, refs: References): void {
  if (data.visibility === 'exempt') return;
  const item =
    data.meetingId === undefined || data.itemId === undefined
      ? undefined
      : refs.get('meeting', data.meetingId)?.agenda.find((i) => i.itemId === data.itemId);
  ensure(
    !item?.exempt,
    'document-must-be-exempt',
    `Agenda item ${data.itemId} is exempt, so its document ${data.documentId} must be exempt too`,
  );
  const decision =
    data.proposalId === undefined || data.decisionId === undefined
      ? undefined
      : refs.get('proposal', data.proposalId)?.decisions.find((d) => d.decisionId === data.decisionId);
  ensure(
    !decision || !takenInPrivate(decision, refs),
    'document-must-be-exempt',
    `Decision ${data.decisionId} was taken in private, so its document ${data.documentId} must be exempt`,
  );
}

function decide(command: DocumentCommand, state: DocumentState, { refs }: DecideContext): DocumentEvent[] {
  switch (command.type) {
    case 'RecordDocument':
      ensure(!state.exists, 'already-exists', `Document ${command.data.documentId} is already recorded`);
      checkVisibility(command.data);
      checkLinks(command.data, refs);
      checkWithheld(command.data, refs);
      return [{ type: 'DocumentRecorded', data: command.data }];
    default:
      return assertNever(command.type, 'document command');
  }
}

export const documentDecider: Decider<DocumentState, DocumentCommand, DocumentEvent> = {
  category: 'document',
  fieldValues: DOCUMENT_FIELD_VALUES,
  recordedBy: { DocumentRecorded: 'RecordDocument' },
  // Whatever else has changed since, a corrected document shows the public nothing withheld: its
  // item or decision found private since holds it to be exempt (what it links to identifies it).
  checkCorrected(corrected, _state, refs) {
    checkVisibility(corrected.data);
    checkWithheld(corrected.data, refs);
  },
  initialState,
  decide,
  evolve(state, event) {
    switch (event.type) {
      case 'DocumentRecorded':
        return {
          ...state,
          ...omit(event.data, []),
          exists: true,
          eventId: event.id,
          occurredAt: event.occurredAt,
        };
      default:
        return assertNever(event.type, 'document event');
    }
  },
  streamIdOf: (command) => command.data.documentId,
  referencesOf: ({ data }) => [
    ...(data.meetingId ? [{ kind: 'meeting' as const, id: data.meetingId }] : []),
    ...(data.proposalId ? [{ kind: 'proposal' as const, id: data.proposalId }] : []),
  ],
  retryOnConflict: () => false,
};
