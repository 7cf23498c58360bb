import { createHash } from 'node:crypto';
import type { OpenApiClient } from './openapi-client';
import type { TestApp } from './test-app';

export interface HiddenLedger {
  /** Every canary recorded: none may reach the public; each reaches an auditor. */
  canaries: string[];
  /**
   * Canaries no one may read any more, the public above all: the content of a document whose
   * record is retracted (its file is kept by its hash, but no route serves a record that is gone).
   */
  unread: string[];
  /**
   * Text the public must see: what a meeting whose publicity no source states holds (not stated
   * is not private, so withholding it would be as wrong as leaking a canary).
   */
  shown: string[];
  proposals: string[];
  meetings: string[];
  people: string[];
  bodies: string[];
  votes: string[];
  alliances: string[];
  /** Parts of proposals, read one by one: decisions, recommendations, claims. */
  decisions: string[];
  recommendations: string[];
  claims: string[];
  /** Documents: an exempt annex of each exempt item (with canary content), a public report in each public-only episode. */
  documents: string[];
  /** Public questions (at private and public meetings) and reviews of decisions (at private meetings). */
  questions: string[];
  reviews: string[];
  /** Each step's recordedAt, in order: instants to cut at. */
  recordedAts: string[];
  occurredAts: string[];
}

const source = { kind: 'minutes', reference: 'property ledger' };

export interface RecordOptions {
  /**
   * Records only the steps that had happened by then (occurredAt <= this), and the corrections
   * of those, whenever made: the ledger an `asOf` cut must match. Every step keeps its
   * Idempotency-Key and its place on the clock, so the events it records have the same ids and
   * recordedAt as in the whole ledger.
   */
  occurredBy?: string;
}

/**
 * The steps of a hidden ledger, shared by its episodes: each step recorded over HTTP as a clerk,
 * a minute after the last on the store's clock, and the ledger it fills in as it goes.
 */
export function hiddenLedgerRecorder(
  client: OpenApiClient,
  ctx: TestApp,
  tag: string,
  options: RecordOptions,
) {
  const ledger: HiddenLedger = {
    canaries: [],
    unread: [],
    shown: [],
    proposals: [],
    meetings: [],
    people: ['p-a', 'p-b'],
    bodies: ['pa-a', 'pa-b', 'wg'],
    votes: [],
    alliances: ['al'],
    decisions: [],
    recommendations: [],
    claims: [],
    documents: [],
    questions: [],
    reviews: [],
    recordedAts: [],
    occurredAts: [],
  };
  let day = Date.parse('2012-01-02T00:00:00Z');
  let clock = Date.parse('2014-01-01T00:00:00Z');
  const canary = (what: string) => {
    const c = `CANARY${tag}${ledger.canaries.length}${what}`;
    ledger.canaries.push(c);
    return c;
  };
  const unreadCanary = (what: string) => {
    const c = `CANARY${tag}U${ledger.unread.length}${what}`;
    ledger.unread.push(c);
    return c;
  };
  let step = 0;
  const recorded = new Set<string>();
  const record = async (
    operationId: string,
    params: Record<string, string>,
    body: Record<string, unknown>,
    occurredAt = new Date(day).toISOString(),
  ): Promise<{ eventIds: string[] }> => {
    clock += 60_000;
    step += 1;
    const isCorrection = operationId === 'correctEvent' || operationId === 'retractEvent';
    const kept =
      options.occurredBy === undefined ||
      (isCorrection ? recorded.has(String(body.eventId)) : occurredAt <= options.occurredBy);
    if (!kept) return { eventIds: [] };
    ctx.setClock(new Date(clock).toISOString());
    const headers = { 'idempotency-key': `${tag}-step-${step}` };
    const res = await client.call(operationId, {
      params,
      body: { source, ...body, occurredAt },
      token: ctx.tokens.clerk,
      headers,
    });
    if (res.status !== 201) throw new Error(`${operationId}: ${res.status} ${JSON.stringify(res.body)}`);
    ledger.recordedAts.push(new Date(clock).toISOString());
    ledger.occurredAts.push(occurredAt);
    const eventIds = (res.body.events as Array<{ id: string }>).map((e) => e.id);
    for (const id of eventIds) recorded.add(id);
    return { eventIds };
  };
  const nextDay = () => (day += 86_400_000);
  /** Records a document and uploads its content (both skipped when the step is not kept); its events' ids. */
  const recordDocument = async (documentId: string, text: string, fields: Record<string, unknown>) => {
    const content = Buffer.from(text);
    const { eventIds } = await record(
      'recordDocument',
      {},
      {
        documentId,
        mediaType: 'text/plain',
        sha256: createHash('sha256').update(content).digest('hex'),
        size: content.length,
        publishedAt: new Date(day).toISOString(),
        ...fields,
      },
    );
    if (eventIds.length === 0) return { eventIds };
    ledger.documents.push(documentId);
    const res = await client.call('putDocumentContent', {
      params: { documentId },
      body: content,
      token: ctx.tokens.clerk,
      headers: { 'content-type': 'application/octet-stream' },
    });
    if (res.status !== 200) throw new Error(`putDocumentContent: ${res.status} ${JSON.stringify(res.body)}`);
    return { eventIds };
  };
  /** Corrects a meeting recorded as public to have been private: hidden at every date from now on. */
  const correctToPrivate = (meetingId: string, scheduledEventId: string) =>
    record(
      'correctEvent',
      {},
      {
        stream: `meeting-${meetingId}`,
        eventId: scheduledEventId,
        reason: canary('reason'),
        changes: { public: false },
      },
    );
  return {
    ledger,
    /** The day being recorded (ms since the epoch), moved on by nextDay: read it when it is needed. */
    get day() {
      return day;
    },
    nextDay,
    canary,
    unreadCanary,
    record,
    recordDocument,
    correctToPrivate,
  };
}

export type HiddenLedgerRecorder = ReturnType<typeof hiddenLedgerRecorder>;
