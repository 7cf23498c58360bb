import { ProblemException } from '@ledger/http';
import { DatedPageQuery, pageQuery } from './page-query';

/** Which query parameters a page takes, judged before it is drawn. */
describe('pageQuery', () => {
  it('takes the page’s own parameters', () => {
    expect(pageQuery(DatedPageQuery, { asOf: '2012-12-01' })).toEqual({ asOf: '2012-12-01' });
  });

  it('refuses a mistyped one, naming it and those the page takes', () => {
    const refusal = (() => {
      try {
        pageQuery(DatedPageQuery, { asof: '2012-12-01' });
      } catch (error) {
        return error as ProblemException;
      }
      return undefined;
    })();
    expect(refusal).toBeInstanceOf(ProblemException);
    expect(refusal?.message).toMatch(/asof.*This page takes asOf, knownAt/);
  });

  it('opens a link shared with what sites add to it (utm_source, fbclid, …), as if they were not there', () => {
    expect(
      pageQuery(DatedPageQuery, {
        asOf: '2012-12-01',
        utm_source: 'newsletter',
        utm_campaign: 'g4s',
        fbclid: 'IwAR0abc',
        gclid: 'x',
      }),
    ).toEqual({ asOf: '2012-12-01' });
  });
});
