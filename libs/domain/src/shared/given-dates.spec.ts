import { bodyDecider } from '../bodies/body.decider';
import { documentDecider } from '../documents/document.decider';
import { aBody, aPerson, bodyEvents, bodyRegistered } from '../testing/builders';
import { refsOf, spec } from '../testing/given-when-then';
import { assertGivenDatesNotInFuture } from './time';

/**
 * Every date a command gives, not only its occurredAt, is held to `date-in-future` against the
 * command's `now`, in one place (decideOn), and the refusal names the field. Dates of what is
 * planned (a meeting's date, a deferral's end, a term's end) may be later than now.
 */
const AT = '2024-01-01';
const NOW = '2024-06-01T00:00:00.000Z';

describe('dates a command gives are not in the future (date-in-future)', () => {
  it("refuses a body's foundingDate after now, naming the field", () => {
    spec(bodyDecider)
      .given([])
      .when(
        { type: 'RegisterBody', data: bodyRegistered('zed', { foundingDate: '2099-01-01' }).data },
        { at: AT, now: NOW },
      )
      .thenFails('date-in-future', /foundingDate 2099-01-01 is after now/);
  });

  it("refuses an office holder's term starting after now (it would list them as holding it today)", () => {
    spec(bodyDecider)
      .given(bodyEvents({ bodyId: 'zed', holders: [{ personId: 'ann', postId: 'chair' }] }))
      .when(
        {
          type: 'AppointOfficeHolder',
          data: {
            bodyId: 'zed',
            membershipId: 'm2',
            postId: 'chair',
            personId: 'bob',
            startDate: '2099-01-01',
          },
        },
        { at: AT, now: NOW },
      )
      .thenFails('date-in-future', /startDate 2099-01-01 is after now/);
  });

  it("accepts a term's planned endDate after now", () => {
    const appoint = {
      bodyId: 'zed',
      membershipId: 'm2',
      postId: 'chair',
      personId: 'bob',
      startDate: '2024-01-01',
      endDate: '2028-05-01',
    };
    const zed = { bodyId: 'zed', holders: [{ personId: 'ann', postId: 'chair' }] };
    spec(bodyDecider)
      .given(bodyEvents(zed))
      .when(
        { type: 'AppointOfficeHolder', data: appoint },
        { at: AT, now: NOW, refs: refsOf({ person: { bob: aPerson('bob') }, body: { zed: aBody(zed) } }) },
      )
      .then([{ type: 'OfficeHolderAppointed', data: appoint }]);
  });

  it("refuses a document's publishedAt after now", () => {
    spec(documentDecider)
      .given([])
      .when(
        {
          type: 'RecordDocument',
          data: {
            documentId: 'doc',
            title: 'Report',
            kind: 'report',
            mediaType: 'application/pdf',
            sha256: 'a'.repeat(64),
            size: 1,
            publishedAt: '2099-01-01',
            visibility: 'public',
          },
        },
        { at: AT, now: NOW },
      )
      .thenFails('date-in-future', /publishedAt 2099-01-01 is after now/);
  });

  it('refuses a correction that moves a date after now', () => {
    spec(bodyDecider)
      .given([{ ...bodyRegistered('zed'), id: 'reg' }])
      .when(
        { type: 'CorrectEvent', data: { eventId: 'reg', reason: 'typo', changes: { foundingDate: '2099' } } },
        { at: AT, now: NOW },
      )
      .thenFails('date-in-future', /foundingDate 2099 is after now/);
  });

  it('names a nested field by its path, and compares at the precision given', () => {
    expect(() => assertGivenDatesNotInFuture({ signed: { personId: 'p', on: '2025' } }, NOW)).toThrow(
      /signed\.on 2025 is after now/,
    );
    // "2024" begins before now: a year is held to its first day, as occurredAt is.
    expect(() => assertGivenDatesNotInFuture({ signed: { personId: 'p', on: '2024' } }, NOW)).not.toThrow();
    expect(() =>
      assertGivenDatesNotInFuture({ interests: [{ dispensation: { grantedOn: '2030-01-01' } }] }, NOW),
    ).toThrow(/interests\[0\]\.dispensation\.grantedOn 2030-01-01/);
    expect(() =>
      assertGivenDatesNotInFuture({ scheduledFor: '2030-01-01', until: '2030-01-01', newDate: '2030' }, NOW),
    ).not.toThrow();
  });
});
