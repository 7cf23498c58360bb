import { bodyFromForm, CommandForms } from './console/command-forms';
import { safeReturnTo } from './console/console-access';
import { byteSize, eventLabel, longDate, queryString } from './pages/template-filters';
import type { TrailEntry } from './view-models/ledger-reader';
import { replayDates } from './view-models/timeline.view';
import { timelineOf } from './view-models/timeline.view';
import { parseForm, prefersHtml } from './web-setup';

// A document in the shape @nestjs/swagger writes for a write route: path ids, an enum by
// reference, a boolean, a list of strings, a list of objects, the envelope's date and source.
const DOCUMENT = {
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  paths: {
    '/proposals/{proposalId}/decisions': {
      post: {
        operationId: 'recordDecision',
        summary: 'Record a decision',
        tags: ['proposals'],
        parameters: [{ name: 'proposalId', in: 'path', required: true }],
        requestBody: {
          content: { 'application/json': { schema: { $ref: '#/components/schemas/RecordDecisionRequest' } } },
        },
        responses: {},
      },
      get: { operationId: 'notAForm', responses: {} },
    },
  },
  components: {
    schemas: {
      DecisionOutcome: { type: 'string', enum: ['approve', 'reject', 'defer'] },
      SourceDto: {
        type: 'object',
        properties: { kind: { type: 'string' }, reference: { type: 'string' }, url: { type: 'string' } },
        required: ['kind', 'reference'],
      },
      AttendeeDto: { type: 'object', properties: { personId: { type: 'string' } } },
      RecordDecisionRequest: {
        type: 'object',
        properties: {
          outcome: {
            description: 'What was decided.',
            allOf: [{ $ref: '#/components/schemas/DecisionOutcome' }],
          },
          inPublic: { type: 'boolean' },
          scope: { type: 'array', items: { type: 'string' } },
          attendees: { type: 'array', items: { $ref: '#/components/schemas/AttendeeDto' } },
          amount: { type: 'number' },
          occurredAt: { type: 'string', description: 'When. ISO 8601: a date.' },
          source: { $ref: '#/components/schemas/SourceDto' },
        },
        required: ['outcome', 'inPublic', 'occurredAt', 'source'],
      },
    },
  },
};

describe('command forms, drawn from the OpenAPI document', () => {
  const forms = new CommandForms();
  forms.useDocument(() => DOCUMENT as never);
  const form = forms.get('recordDecision')!;

  it('makes one form per write route, each field of the kind its schema gives', () => {
    expect(forms.all().map((f) => f.operationId)).toEqual(['recordDecision']);
    expect(form.type).toBe('RecordDecision');
    expect(form.fields.map((f) => `${f.name}:${f.kind}:${f.required}`)).toEqual([
      'proposalId:text:true',
      'outcome:select:true',
      'inPublic:yes-no:true',
      'scope:lines:false',
      'attendees:json:false',
      'amount:number:false',
      'occurredAt:date:true',
      'source.kind:text:true',
      'source.reference:text:true',
      'source.url:text:false',
    ]);
    expect(form.fields.find((f) => f.name === 'outcome')!.options).toEqual(['approve', 'reject', 'defer']);
  });

  it('turns a posted form back into the command body and its path ids', () => {
    const { body, pathParams, problems } = bodyFromForm(form, {
      proposalId: 'p-1',
      outcome: 'approve',
      inPublic: 'no',
      scope: 'HR\r\n\r\n finance ',
      'attendees[]': ['', '{"personId":"a"}', '{"personId":"b"}'],
      amount: '12.5',
      occurredAt: '2013-01-31',
      'source.kind': 'minutes',
      'source.reference': 'item 4',
      'source.url': '',
    });
    expect(problems).toEqual([]);
    expect(pathParams).toEqual({ proposalId: 'p-1' });
    expect(body).toEqual({
      outcome: 'approve',
      inPublic: false,
      scope: ['HR', 'finance'],
      attendees: [{ personId: 'a' }, { personId: 'b' }],
      amount: 12.5,
      occurredAt: '2013-01-31',
      source: { kind: 'minutes', reference: 'item 4' },
    });
  });

  it('names each required field left empty and each JSON field that does not parse, and leaves the rest to the API', () => {
    const { body, problems } = bodyFromForm(form, {
      outcome: '',
      inPublic: 'yes',
      attendees: '[{"personId":',
      amount: 'twelve',
      occurredAt: '2013-01-31',
      'source.kind': 'minutes',
      'source.reference': 'x',
    });
    expect(problems).toEqual([
      { field: 'proposalId', message: 'Enter proposal id' },
      { field: 'outcome', message: 'Enter outcome' },
      { field: 'attendees', message: 'Attendees must be JSON, as in the hint' },
    ]);
    // Not a number: passed on as text, so the API's validation names the field.
    expect(body.amount).toBe('twelve');
  });

  it('offers "Not stated" for a yes/no the source may not answer, and leaves the field out when it is chosen', () => {
    const withPublicity = new CommandForms();
    withPublicity.useDocument(
      () =>
        ({
          openapi: '3.1.0',
          paths: {
            '/meetings': {
              post: {
                operationId: 'scheduleMeeting',
                requestBody: {
                  content: { 'application/json': { schema: { $ref: '#/components/schemas/Meeting' } } },
                },
              },
            },
          },
          components: {
            schemas: {
              Meeting: {
                type: 'object',
                properties: {
                  title: { type: 'string' },
                  public: {
                    type: 'boolean',
                    description: 'Leave it out when the source does not say: not stated is not private.',
                  },
                  scheduledForApproximate: { type: 'boolean', description: 'A guess.' },
                },
                required: ['title'],
              },
            },
          },
        }) as never,
    );
    const meeting = withPublicity.get('scheduleMeeting')!;
    expect(meeting.fields.map((f) => [f.name, f.kind, f.notStated ?? false])).toEqual([
      ['title', 'text', false],
      ['public', 'yes-no', true],
      ['scheduledForApproximate', 'yes-no', false],
    ]);
    expect(bodyFromForm(meeting, { title: 't', public: 'not-stated' }).body).toEqual({ title: 't' });
    expect(bodyFromForm(meeting, { title: 't', public: 'no' }).body).toEqual({ title: 't', public: false });
  });

  it('asks for the document before the first form, not at start', () => {
    expect(() => new CommandForms().all()).toThrow('registerWeb(app) must run before the app starts');
  });
});

describe('form bodies', () => {
  it('reads each field, a repeated one as a list, + as a space, and keys of Object.prototype as plain keys', () => {
    const form = parseForm('a=1&b=x+y&b=%C2%A3&attendees%5B%5D=&attendees%5B%5D=%7B%7D&constructor=c');
    expect({ ...form }).toEqual({ a: '1', b: ['x y', '£'], 'attendees[]': ['', '{}'], constructor: 'c' });
    expect(Object.getPrototypeOf(form)).toBeNull();
  });
});

describe('content negotiation for problem types', () => {
  it.each([
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', true],
    ['application/json', false],
    ['*/*', false],
    [undefined, false],
    ['application/problem+json, text/html;q=0.5', false],
    ['text/html;q=0', false],
  ])('%s prefers HTML: %s', (accept, html) => {
    expect(prefersHtml(accept)).toBe(html);
  });
});

describe('return addresses after a form', () => {
  it.each([
    ['/console/meetings/m-1', '/console/meetings/m-1'],
    ['/register/proposals/p?asOf=2012-11-23', '/register/proposals/p?asOf=2012-11-23'],
    ['/console', '/console'],
    ['https://evil.example/', undefined],
    ['//evil.example/console/', undefined],
    ['/console//evil', undefined],
    ['/docs', undefined],
    ['/register/"><script>', undefined],
  ])('%s → %s', (given, kept) => {
    expect(safeReturnTo(given)).toBe(kept);
  });
});

describe('the timeline', () => {
  const entry = (
    eventId: string,
    type: string,
    occurredAt: string,
    position: number,
    data: Record<string, unknown> = {},
    correctedBy: unknown[] = [],
  ) =>
    ({
      eventId,
      type,
      occurredAt,
      position,
      data,
      correctedBy,
      stream: 's',
      revision: 0,
      recordedAt: occurredAt,
      hash: 'h',
    }) as never;

  it('orders by when things happened, and shows a correction beside its original instead of on its own', () => {
    const items = [
      entry('b', 'ClaimRecorded', '2013-01-15T00:00:00.000Z', 2, { statement: 'the claim' }, [
        { eventId: 'c', type: 'EventCorrected', data: { reason: 'typo' } },
      ]),
      entry('a', 'ProposalTabled', '2012-03-01T00:00:00.000Z', 1, { title: 'The plan', meetingId: 'm-1' }),
      entry('c', 'EventCorrected', '2013-02-05T00:00:00.000Z', 3, { eventId: 'b', reason: 'typo' }),
      entry('d', 'EventCorrected', '2013-02-06T00:00:00.000Z', 4, {
        eventId: 'not-shown',
        reason: 'elsewhere',
      }),
    ];
    const timeline = timelineOf(items);
    expect(timeline.map((e) => e.eventId)).toEqual(['a', 'b', 'd']);
    expect(timeline[0].summary).toBe('The plan');
    expect(timeline[0].links).toEqual([{ href: '/register/meetings/m-1', text: 'Meeting m-1' }]);
    expect(timeline[1].correctedBy).toHaveLength(1);
    // On the meeting's own page, its entries do not link back to it.
    expect(timelineOf(items, undefined, undefined, '/register/meetings/m-1')[0].links).toEqual([]);
  });
});

describe('template filters', () => {
  it('writes a size in bytes, with MiB beside it once it is large', () => {
    expect(byteSize(40)).toBe('40 bytes');
    expect(byteSize(52_428_800)).toBe('52,428,800 bytes (50 MiB)');
    expect(byteSize(1_572_864)).toBe('1,572,864 bytes (1.5 MiB)');
  });

  it('writes dates as people read them, with the time only when there is one', () => {
    expect(longDate('2013-01-31T00:00:00.000Z')).toBe('31 January 2013');
    expect(longDate('2013-02-04T10:05:00.000Z')).toBe('4 February 2013, 10:05 UTC');
    expect(longDate('2012-11-22')).toBe('22 November 2012');
    // A year or a month alone stays one: never a fake first day.
    expect(longDate('2013')).toBe('2013');
    expect(longDate('2012-07')).toBe('July 2012');
    // The replay slider steps onto a year or month at its first day, where as-of views count it.
    const entry = (type: string, occurredAt: string) => ({ type, occurredAt }) as TrailEntry;
    expect(
      replayDates([entry('ClaimRecorded', '2013'), entry('ProposalTabled', '2012-03-01T00:00:00.000Z')]),
    ).toEqual(['2012-03-01', '2013-01-01']);
    expect(longDate(undefined)).toBe('');
  });

  it('names event types and builds query strings without the empty values', () => {
    expect(eventLabel('RecordMeetingHeld')).toBe('Record meeting held');
    expect(queryString({ asOf: '2012-11-23', knownAt: undefined, q: '' })).toBe('?asOf=2012-11-23');
    expect(queryString({})).toBe('');
  });
});
