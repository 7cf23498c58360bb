import { InvalidInput } from '../errors';
import type { StoredEvent } from '../event-store.port';
import { eventHash } from '../hashing';
import { newEvent } from '../testing/event-store.contract';
import { normaliseBatch, revisionMatches } from '../validation';
import { idempotentReplay, nextRecordedAt, prepareAppend, type StreamHead } from './append-plan';
import { chunkByBytes, planImport, storedAtKey } from './import-plan';
import {
  comparePositions,
  exactExpectedRevision,
  fromCurrentRevision,
  isLedgerMetadata,
  isSystemEvent,
  LEDGER_METADATA_FORMAT,
  numberToPosition,
  parseLedgerRecord,
  positionToNumber,
  redactConnectionString,
  toClientExpectedRevision,
  toEventData,
  toStoredEvent,
  type RecordLike,
} from './mapping';
import {
  escapeRegex,
  hasEventCuts,
  matchesCuts,
  matchesSubscriptionFilter,
  serverFilterSpec,
} from './read-filters';

const RECORDED_AT = '2026-03-01T12:00:00.000Z';

/**
 * What the client hands back for an event the adapter appended: the data and metadata it sent,
 * through JSON, with the server's revision and (from 22.10 on) the $all position.
 */
function asRecorded(event: StoredEvent, position: number | undefined): RecordLike {
  const sent = toEventData(event);
  return {
    streamId: event.stream,
    id: event.id,
    revision: BigInt(event.revision),
    type: sent.type,
    isJson: true,
    data: JSON.parse(JSON.stringify(sent.data)),
    metadata: JSON.parse(JSON.stringify(sent.metadata)),
    position: position === undefined ? undefined : numberToPosition(position),
  };
}

function batchOf(...events: ReturnType<typeof newEvent>[]) {
  return normaliseBatch('proposal-1', events, 'any');
}

describe('EventStoreDB mapping', () => {
  describe('expected revisions', () => {
    it("maps the port's forms onto the client's", () => {
      expect(toClientExpectedRevision(undefined)).toBe('any');
      expect(toClientExpectedRevision('any')).toBe('any');
      expect(toClientExpectedRevision('no_stream')).toBe('no_stream');
      expect(toClientExpectedRevision('stream_exists')).toBe('stream_exists');
      expect(toClientExpectedRevision(7)).toBe(7n);
    });

    it('appends with the exact revision read: no_stream for a missing stream', () => {
      expect(exactExpectedRevision(-1)).toBe('no_stream');
      expect(exactExpectedRevision(0)).toBe(0n);
      expect(exactExpectedRevision(41)).toBe(41n);
    });

    it("reads the server's current revision back as the port's actual (-1: no stream)", () => {
      expect(fromCurrentRevision('no_stream')).toBe(-1);
      expect(fromCurrentRevision(undefined)).toBe(-1);
      expect(fromCurrentRevision(-1n)).toBe(-1);
      expect(fromCurrentRevision(0n)).toBe(0);
      expect(fromCurrentRevision(12n)).toBe(12);
    });

    it.each([
      ['any', -1, true],
      ['any', 4, true],
      ['no_stream', -1, true],
      ['no_stream', 0, false],
      ['stream_exists', -1, false],
      ['stream_exists', 0, true],
      [3, 3, true],
      [3, 4, false],
      [0, -1, false],
    ] as const)('expected %p against actual %p: %p', (expected, actual, matches) => {
      expect(revisionMatches(expected, actual)).toBe(matches);
    });
  });

  describe('positions', () => {
    it('carries the commit position as the port position', () => {
      expect(positionToNumber({ commit: 1234n, prepare: 1234n })).toBe(1234);
      expect(positionToNumber(undefined)).toBeUndefined();
    });

    it('treats the "no position" sentinel of old servers as unknown, and refuses what a number cannot hold', () => {
      expect(
        positionToNumber({ commit: 18446744073709551615n, prepare: 18446744073709551615n }),
      ).toBeUndefined();
      expect(() => positionToNumber({ commit: 2n ** 60n, prepare: 0n })).toThrow(RangeError);
    });

    it('turns a number back into an exact position and orders positions', () => {
      expect(numberToPosition(99)).toEqual({ commit: 99n, prepare: 99n });
      expect(comparePositions(numberToPosition(1), numberToPosition(2))).toBe(-1);
      expect(comparePositions({ commit: 5n, prepare: 7n }, { commit: 5n, prepare: 6n })).toBe(1);
      expect(comparePositions(numberToPosition(3), numberToPosition(3))).toBe(0);
    });
  });

  describe('appending', () => {
    it('numbers, chains and hashes a batch exactly as the SQLite adapter does', () => {
      const batch = batchOf(newEvent({ data: { a: 1 } }), newEvent({ data: { b: [1, 'x', null] } }));
      const { events, eventData } = prepareAppend('proposal-1', batch, null, RECORDED_AT);
      expect(events.map((e) => e.revision)).toEqual([0, 1]);
      expect(events[0].prevHash).toBeNull();
      expect(events[1].prevHash).toBe(events[0].hash);
      for (const e of events) {
        expect(e.metadata.recordedAt).toBe(RECORDED_AT);
        expect(eventHash(e)).toBe(e.hash);
      }
      expect(eventData.map((d) => d.id)).toEqual(batch.map((e) => e.id));
      expect(eventData[0]).toMatchObject({ contentType: 'application/json', type: 'TestRecorded' });
      // The client sends JSON.stringify(data): byte for byte what the batch was validated and sized with.
      expect(eventData.map((d) => JSON.stringify(d.data))).toEqual(batch.map((e) => e.json));
    });

    it('continues a stream from its head', () => {
      const head: StreamHead = { revision: 6, hash: 'ab'.repeat(32), recordedAt: RECORDED_AT };
      const { events } = prepareAppend('proposal-1', batchOf(newEvent()), head, RECORDED_AT);
      expect(events[0]).toMatchObject({ revision: 7, prevHash: head.hash });
    });

    it('stores every hashed field in the metadata, with the ids also under $correlationId / $causationId', () => {
      const withCause = newEvent();
      withCause.metadata.causationId = 'cmd-1';
      const [a, b] = prepareAppend('proposal-1', batchOf(newEvent(), withCause), null, RECORDED_AT).eventData;
      expect(a.metadata).toMatchObject({
        ledgerFormat: LEDGER_METADATA_FORMAT,
        revision: 0,
        prevHash: null,
        schemaVersion: 1,
        occurredAt: '2012-07-20T10:00:00.000Z',
        recordedAt: RECORDED_AT,
        actor: 'clerk:test',
        causationId: null,
        source: { kind: 'report', reference: 'contract test', url: 'https://example.org/report' },
      });
      expect(a.metadata).not.toHaveProperty('$causationId');
      expect((a.metadata as { $correlationId: string }).$correlationId).toBe(a.id);
      expect(b.metadata).toMatchObject({ causationId: 'cmd-1', $causationId: 'cmd-1', correlationId: a.id });
      expect(isLedgerMetadata(JSON.parse(JSON.stringify(a.metadata)))).toBe(true);
    });

    it('never lets recordedAt go back from the stream head or the last write of this process', () => {
      const now = new Date('2026-01-01T00:00:00.000Z');
      expect(nextRecordedAt(now)).toBe('2026-01-01T00:00:00.000Z');
      expect(nextRecordedAt(now, '2026-01-02T00:00:00.000Z', undefined)).toBe('2026-01-02T00:00:00.000Z');
      expect(nextRecordedAt(now, '2025-12-31T00:00:00.000Z', '2026-01-01T00:00:00.001Z')).toBe(
        '2026-01-01T00:00:00.001Z',
      );
    });
  });

  describe('reading recorded events', () => {
    const [prepared] = prepareAppend(
      'proposal-1',
      batchOf(newEvent({ data: { text: 'héllo', n: 1.5, list: [true, null] } })),
      null,
      RECORDED_AT,
    ).events;

    it('maps a recorded event back to the StoredEvent that was appended, hash intact', () => {
      const stored = toStoredEvent({ event: asRecorded(prepared, 4096) });
      expect(stored).toEqual({ ...prepared, position: 4096 });
      expect(eventHash(stored!)).toBe(stored!.hash);
    });

    it('uses the server revision, so a renumbered event no longer verifies', () => {
      const record = { ...asRecorded(prepared, 10), revision: 5n };
      const stored = toStoredEvent({ event: record })!;
      expect(stored.revision).toBe(5);
      expect(eventHash(stored)).not.toBe(stored.hash);
    });

    it('passes over what the ledger did not write', () => {
      const record = asRecorded(prepared, 10);
      expect(toStoredEvent({})).toBeNull();
      expect(toStoredEvent({ event: { ...record, type: '$>' } })).toBeNull();
      expect(toStoredEvent({ event: { ...record, streamId: '$ce-proposal' } })).toBeNull();
      expect(toStoredEvent({ event: { ...record, isJson: false, data: new Uint8Array([1]) } })).toBeNull();
      expect(toStoredEvent({ event: { ...record, metadata: { $correlationId: 'x' } } })).toBeNull();
      expect(toStoredEvent({ event: { ...record, metadata: undefined } })).toBeNull();
      expect(
        toStoredEvent({
          event: {
            ...record,
            metadata: { ...(record.metadata as object), ledgerFormat: LEDGER_METADATA_FORMAT + 1 },
          },
        }),
      ).toBeNull();
      expect(isSystemEvent({ type: '$metadata', streamId: '$$proposal-1' })).toBe(true);
      expect(isSystemEvent({ type: 'Tabled', streamId: 'proposal-1' })).toBe(false);
    });

    it('refuses an event read without its $all position (servers before 22.10)', () => {
      expect(() => toStoredEvent({ event: asRecorded(prepared, undefined) })).toThrow(/22\.10/);
      expect(parseLedgerRecord(asRecorded(prepared, undefined))).toMatchObject({
        id: prepared.id,
        hash: prepared.hash,
      });
    });
  });

  describe('idempotency', () => {
    const batch = batchOf(
      newEvent({ type: 'VoteCast', data: { option: 'yes' } }),
      newEvent({ data: { n: 2 } }),
    );
    const { events } = prepareAppend('proposal-1', batch, null, RECORDED_AT);
    const stored = events.map((e, i) => ({ ...e, position: 100 + i }));
    const found = (list: StoredEvent[]) => new Map(list.map((e) => [e.id, e]));

    it('writes when no id of the batch is stored', () => {
      expect(idempotentReplay('proposal-1', batch, new Map(), -1)).toBeNull();
    });

    it('returns the original result when every id is stored with the same content', () => {
      expect(idempotentReplay('proposal-1', batch, found(stored), 9)).toEqual({
        stream: 'proposal-1',
        nextExpectedRevision: 9,
        position: 101,
        events: stored.map(({ id, revision, position, hash }) => ({ id, revision, position, hash })),
        idempotentReplay: true,
      });
    });

    it('refuses a batch of which only some ids are stored', () => {
      const error = (() => {
        try {
          idempotentReplay('proposal-1', batch, found(stored.slice(0, 1)), 9);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(InvalidInput);
      expect(error).toMatchObject({ code: 'duplicate-event-id', field: 'events' });
    });

    it('refuses an id stored with other data or type', () => {
      const changed = [{ ...stored[0], data: { option: 'no' } }, stored[1]];
      expect(() => idempotentReplay('proposal-1', batch, found(changed), 9)).toThrow(
        expect.objectContaining({ code: 'duplicate-event-id', field: 'events[0].id' }),
      );
      const retyped = [stored[0], { ...stored[1], type: 'Other' }];
      expect(() => idempotentReplay('proposal-1', batch, found(retyped), 9)).toThrow(
        expect.objectContaining({ code: 'duplicate-event-id', field: 'events[1].id' }),
      );
    });
  });

  describe('read cuts and subscription filters', () => {
    const [event] = prepareAppend(
      'proposal-7',
      normaliseBatch('proposal-7', [newEvent({ type: 'Tabled', occurredAt: '2012-08-01' })], 'any'),
      null,
      RECORDED_AT,
    ).events;
    const none = { types: [], streamPrefixes: [], occurredUntil: undefined, recordedUntil: undefined };

    it('applies types, stream prefixes and the occurred / recorded cuts like the SQLite WHERE clause', () => {
      expect(matchesCuts(event, none)).toBe(true);
      expect(matchesCuts(event, { ...none, types: ['Deferred'] })).toBe(false);
      expect(matchesCuts(event, { ...none, types: ['Deferred', 'Tabled'] })).toBe(true);
      expect(matchesCuts(event, { ...none, streamPrefixes: ['meeting-', 'proposal-'] })).toBe(true);
      expect(matchesCuts(event, { ...none, streamPrefixes: ['meeting-'] })).toBe(false);
      expect(matchesCuts(event, { ...none, occurredUntil: '2012-08-01T00:00:00.000Z' })).toBe(true);
      expect(matchesCuts(event, { ...none, occurredUntil: '2012-07-31T23:59:59.999Z' })).toBe(false);
      expect(matchesCuts(event, { ...none, recordedUntil: RECORDED_AT })).toBe(true);
      expect(matchesCuts(event, { ...none, recordedUntil: '2026-03-01T11:59:59.999Z' })).toBe(false);
      expect(hasEventCuts(none)).toBe(false);
      expect(hasEventCuts({ ...none, recordedUntil: RECORDED_AT })).toBe(true);
    });

    it('filters subscriptions on the server by stream prefix first, else by exact type, else leaves out system events', () => {
      expect(serverFilterSpec({ streamPrefix: 'proposal-', types: ['Tabled'] })).toEqual({
        on: 'streamName',
        prefixes: ['proposal-'],
      });
      expect(serverFilterSpec({ streamPrefix: ['a-', 'b-'] })).toEqual({
        on: 'streamName',
        prefixes: ['a-', 'b-'],
      });
      expect(serverFilterSpec({})).toEqual({ on: 'excludeSystemEvents' });
      expect(serverFilterSpec({ types: [], streamPrefix: [] })).toEqual({ on: 'excludeSystemEvents' });
      const spec = serverFilterSpec({ types: ['Tabled', 'v2.Deferred'] });
      expect(spec.on).toBe('eventType');
      const regex = new RegExp((spec as { regex: string }).regex);
      expect(['Tabled', 'v2.Deferred'].map((t) => regex.test(t))).toEqual([true, true]);
      expect(['TabledAgain', 'v2xDeferred', 'Untabled', '$>'].map((t) => regex.test(t))).toEqual([
        false,
        false,
        false,
        false,
      ]);
      expect(escapeRegex('a.b*c')).toBe('a\\.b\\*c');
    });

    it('checks what the server filter could not', () => {
      expect(matchesSubscriptionFilter(event, { streamPrefix: 'proposal-', types: ['Tabled'] })).toBe(true);
      expect(matchesSubscriptionFilter(event, { streamPrefix: 'proposal-', types: ['Deferred'] })).toBe(
        false,
      );
      expect(matchesSubscriptionFilter(event, { streamPrefix: ['meeting-'] })).toBe(false);
      expect(matchesSubscriptionFilter(event)).toBe(true);
    });
  });

  describe('import planning', () => {
    const a = prepareAppend(
      'proposal-a',
      normaliseBatch('proposal-a', [newEvent(), newEvent()], 'any'),
      null,
      '2026-01-01T00:00:00.000Z',
    ).events;
    const b = prepareAppend(
      'proposal-b',
      normaliseBatch('proposal-b', [newEvent()], 'any'),
      null,
      '2026-01-02T00:00:00.000Z',
    ).events;
    const exported = [a[0], a[1], b[0]];
    const empty = new Map<string, StreamHead | null>();

    it('writes an export into an empty store as runs per stream, in the order given', () => {
      const plan = planImport(exported, empty, new Map(), undefined);
      expect(plan.skipped).toBe(0);
      expect(plan.writes.map((w) => [w.stream, w.events.map((e) => e.revision)])).toEqual([
        ['proposal-a', [0, 1]],
        ['proposal-b', [0]],
      ]);
      expect(plan.lastRecordedAt).toBe('2026-01-02T00:00:00.000Z');
    });

    it('skips what is stored already, and goes on from there', () => {
      const heads = new Map([
        ['proposal-a', { revision: 0, hash: a[0].hash, recordedAt: a[0].metadata.recordedAt }],
      ]);
      const existing = new Map([[storedAtKey('proposal-a', 0), { id: a[0].id, hash: a[0].hash }]]);
      const plan = planImport(exported, heads, existing, a[0].metadata.recordedAt);
      expect(plan.skipped).toBe(1);
      expect(plan.writes.flatMap((w) => w.events.map((e) => e.id))).toEqual([a[1].id, b[0].id]);
      expect(planImport([a[0], a[0]], empty, new Map(), undefined)).toMatchObject({ skipped: 1 });
    });

    it('refuses an id stored with another hash, a gap in a chain, and recordedAt going back', () => {
      const heads = new Map([['proposal-a', { revision: 0, hash: 'f'.repeat(64), recordedAt: RECORDED_AT }]]);
      const existing = new Map([[storedAtKey('proposal-a', 0), { id: a[0].id, hash: 'f'.repeat(64) }]]);
      expect(() => planImport(exported, heads, existing, undefined)).toThrow(
        expect.objectContaining({ code: 'duplicate-event-id', field: 'events[0].id' }),
      );
      expect(() => planImport([a[1]], empty, new Map(), undefined)).toThrow(
        expect.objectContaining({ code: 'chain-break', field: 'events[0]' }),
      );
      expect(() => planImport([b[0], a[0]], empty, new Map(), undefined)).toThrow(
        expect.objectContaining({ code: 'recorded-out-of-order', field: 'events[1].metadata.recordedAt' }),
      );
      expect(() => planImport(exported, empty, new Map(), '2027-01-01T00:00:00.000Z')).toThrow(
        expect.objectContaining({ code: 'recorded-out-of-order' }),
      );
    });

    it('splits large runs into appends under a byte budget, never splitting an event', () => {
      expect(chunkByBytes([5, 5, 5, 20, 1], (n) => n, 10)).toEqual([[5, 5], [5], [20], [1]]);
      expect(chunkByBytes([], (n: number) => n, 10)).toEqual([]);
    });
  });

  it('keeps passwords out of the connection string it reports', () => {
    expect(redactConnectionString('esdb://admin:changeit@node1:2113,node2:2113?tls=true')).toBe(
      'esdb://admin:***@node1:2113,node2:2113?tls=true',
    );
    expect(redactConnectionString('esdb://node1:2113?tls=false')).toBe('esdb://node1:2113?tls=false');
  });
});
