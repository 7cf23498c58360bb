import { bodyDecider } from '../bodies/body.decider';
import { documentDecider } from '../documents/document.decider';
import { aBody, aPerson, bodyEvents, bodyRegistered } from '../testing/builders';
import { refsOf, spec } from '../testing/given-when-then';
import { assertGivenDatesNotInFuture } from './time';

/**
 * Every date a command gives, not only its occurredAt, is held to `date-in-future` against the
 * command's `now`, in one place (decideOn), and the refusal names the field. Dates of what is
 * planned or fixed in advance (a meeting's date, a deferral's end, a body's founding or abolition,
 * a term's start and end) may be later than now.
 */
const AT = '2024-01-01';
const NOW = '2024-06-01T00:00:00.000Z';

describe('dates a command gives are not in the future (date-in-future)', () => {
  it("accepts a body's foundingDate fixed in advance (the PCCs, registered before 22 November 2012)", () => {
    const registered = bodyRegistered('zed', { foundingDate: '2024-11-22' });
    spec(bodyDecider)
      .given([])
      .when({ type: 'RegisterBody', data: registered.data }, { at: AT, now: NOW })
      .then([registered]);
  });

  it("accepts a term's planned start and end after now (an appointment announced)", () => {
    const appoint = {
      bodyId: 'zed',
      membershipId: 'm2',
      postId: 'chair',
      personId: 'bob',
      startDate: '2024-09-01',
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

  it('refuses a correction that moves a date of what has happened after now', () => {
    expect(() =>
      assertGivenDatesNotInFuture({ eventId: 'doc', reason: 'typo', changes: { publishedAt: '2099' } }, NOW),
    ).toThrow(/changes\.publishedAt 2099 is after now/);
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
      assertGivenDatesNotInFuture(
        { scheduledFor: '2030-01-01', until: '2030-01-01', newDate: '2030', dissolutionDate: '2030-11-22' },
        NOW,
      ),
    ).not.toThrow();
  });
});
