import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';

/** A page of a register as its query answers it. */
export interface RegisterPage {
  items: unknown[];
  next?: string;
}

/**
 * The columns of each register's CSV: dotted paths into the JSON row the register's query answers
 * (`body.name` is `row.body.name`), so each CSV row is the JSON row, flattened. A list or an
 * object with no column of its own (an agenda, a correction) is one cell of JSON.
 */
export const REGISTER_COLUMNS = {
  decisions: [
    'decisionId',
    'proposal.id',
    'proposal.title',
    'body.id',
    'body.name',
    'person.id',
    'person.name',
    'postId',
    'outcome',
    'reference',
    'date',
    'inPublic',
    'meetingId',
    'rationale',
    'eventId',
    // The decision record's register fields (issue 16), after the first columns so that a
    // spreadsheet built on the old order still finds them where they were.
    'title',
    'stage',
    'undoesDecisionId',
    'keyDecision',
    'significantPublicInterest',
    'signed.personId',
    'signed.person.id',
    'signed.person.name',
    'signed.on',
    'publishedOn',
    'delegation.personId',
    'delegation.person.id',
    'delegation.person.name',
    'delegation.role',
    'delegation.scheme',
    'publicity',
    // Whether the date is a guess (a year, say), at the end, as the columns added before it.
    'dateApproximate',
    // Clerks and auditors only (empty for the public, which sees only the rows shown to it).
    'shownToPublic',
  ],
  recommendations: [
    'recommendationId',
    'proposalId',
    'byBody.id',
    'byBody.name',
    'toBodies',
    'content',
    'rationale',
    'meetingId',
    'date',
    'eventId',
    'whatCameOfIt',
    'dateApproximate',
  ],
  meetings: [
    'meetingId',
    'title',
    'bodies',
    'allianceId',
    'scheduledFor',
    'status',
    'heldOn',
    'public',
    'place',
    'chair.personId',
    'chair.person.id',
    'chair.person.name',
    'chair.bodyId',
    'chair.capacity',
    'attendees',
    'agenda',
    'minutes',
    // Issue 16, after the first columns so a spreadsheet built on the old order finds them where
    // they were: public / private / not-stated (`public` is empty when not stated), and how
    // precisely scheduledFor is known.
    'publicity',
    'scheduledForPrecision',
    'scheduledForApproximate',
    // Late-found facts and uncertain held dates (issue 16): how precisely heldOn is known.
    'heldOnPrecision',
    'heldOnApproximate',
  ],
  votes: [
    'voteEventId',
    'question',
    'result',
    'person.id',
    'person.name',
    'body.id',
    'body.name',
    'postId',
    'option',
    'declaredInterest',
    'proposalId',
    'meetingId',
    'date',
    'eventId',
  ],
  audit: [
    'position',
    'eventId',
    'stream',
    'revision',
    'type',
    'schemaVersion',
    'occurredAt',
    'occurredAtPrecision',
    'occurredAtApproximate',
    'recordedAt',
    'recordedBy',
    'correlationId',
    'source.kind',
    'source.reference',
    'source.url',
    'source.quote',
    'source.accessedAt',
    'source.contentHash',
    'sources',
    'data',
    'hash',
    'prevHash',
    'correctedBy',
  ],
} as const;

export type RegisterName = keyof typeof REGISTER_COLUMNS;

/** A JSON row's cell for a column: text as it is, numbers and booleans spelled out, lists and objects as JSON, nothing as empty. */
export function cellOf(row: unknown, column: string): string {
  let value: unknown = row;
  for (const key of column.split('.'))
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  // Numbers, booleans and objects as JSON writes them (a row is read from JSON).
  return JSON.stringify(value) ?? '';
}

/** A row of cells, in the order of its register's columns. */
export const cellsOf = (register: RegisterName, row: unknown): string[] =>
  REGISTER_COLUMNS[register].map((column) => cellOf(row, column));

/**
 * RFC 4180 CSV of a register with a header row, streamed page by page: `first` is already read
 * (so a 404 or a bad cursor is a problem+json answer, not a broken stream), `nextPage` reads the
 * page after a cursor, through the same query. A cell that starts with `=`, `+`, `-`, `@`, a tab
 * or a carriage return is prefixed with `'`, so a spreadsheet shows it as text and never runs it.
 */
export function registerCsv(
  register: RegisterName,
  first: RegisterPage,
  nextPage?: (after: string) => Promise<RegisterPage>,
): Readable {
  async function* rows() {
    yield [...REGISTER_COLUMNS[register]];
    let page = first;
    for (;;) {
      for (const item of page.items) yield cellsOf(register, item);
      if (!nextPage || page.next === undefined) return;
      page = await nextPage(page.next);
    }
  }
  const csv = stringify({ escape_formulas: true, record_delimiter: 'windows' });
  const source = Readable.from(rows());
  // A page that fails half-way ends the download in error, not as a CSV that looks complete.
  source.on('error', (error) => csv.destroy(error));
  return source.pipe(csv);
}
