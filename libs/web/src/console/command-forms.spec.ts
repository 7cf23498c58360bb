import { bodyFromForm, CommandForms } from './command-forms';

// A write route with an object of plain fields beside the source, as RecordMeetingHeld's chair
// is: the form gives it one field per property, and the live console's select posts it whole.
const DOCUMENT = {
  openapi: '3.1.0',
  paths: {
    '/meetings/{meetingId}/held': {
      post: {
        operationId: 'recordMeetingHeld',
        parameters: [{ name: 'meetingId', in: 'path', required: true }],
        requestBody: {
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Held' } } },
        },
      },
    },
  },
  components: {
    schemas: {
      Attendee: {
        type: 'object',
        properties: {
          personId: { type: 'string' },
          bodyId: { type: 'string' },
          capacity: { type: 'string' },
        },
        required: ['personId', 'bodyId', 'capacity'],
      },
      Held: {
        type: 'object',
        properties: {
          chair: { description: 'Who chaired it.', allOf: [{ $ref: '#/components/schemas/Attendee' }] },
          occurredAt: { type: 'string', description: 'When. ISO 8601: a date.' },
        },
        required: ['occurredAt'],
      },
    },
  },
};

describe("an object field posted whole (the live console's chair)", () => {
  const forms = new CommandForms();
  forms.useDocument(() => DOCUMENT as never);
  const form = forms.get('recordMeetingHeld')!;
  const chair = { personId: 'david-lloyd', bodyId: 'pcc-hertfordshire', capacity: 'chair' };

  it('has one field per property of the chair', () => {
    expect(form.fields.map((f) => f.name)).toEqual([
      'meetingId',
      'chair.personId',
      'chair.bodyId',
      'chair.capacity',
      'occurredAt',
    ]);
  });

  it('reads the chair posted as one JSON value into the command body', () => {
    const { body, problems } = bodyFromForm(form, {
      meetingId: 'm-1',
      chair: JSON.stringify(chair),
      occurredAt: '2013-05-09',
    });
    expect(problems).toEqual([]);
    expect(body).toEqual({ chair, occurredAt: '2013-05-09' });
  });

  it('leaves the chair out when "Not recorded" (empty) is chosen', () => {
    const { body, problems } = bodyFromForm(form, { meetingId: 'm-1', chair: '', occurredAt: '2013-05-09' });
    expect(problems).toEqual([]);
    expect(body).toEqual({ occurredAt: '2013-05-09' });
  });

  it('refuses a chair it cannot read, naming it, rather than dropping it', () => {
    for (const posted of [
      '{"personId": "david-lloyd"',
      '"david-lloyd"',
      '[1]',
      '{"personId": 7}',
      '{"name": "x"}',
    ]) {
      const { body, problems } = bodyFromForm(form, {
        meetingId: 'm-1',
        chair: posted,
        occurredAt: '2013-05-09',
      });
      expect(body.chair).toBeUndefined();
      expect(problems).toEqual([{ field: 'chair', message: expect.stringMatching(/^Chair /) }]);
    }
  });
});
