import { atCut } from './template-filters';

describe('a link at the dates the page is drawn at', () => {
  it('keeps asOf and knownAt, and nothing else of the cut', () => {
    const cut = { asOf: '2012-12-01', knownAt: '2013-03-01T10:00:00Z' };
    expect(atCut('/register/bodies/jwg', cut)).toBe(
      '/register/bodies/jwg?asOf=2012-12-01&knownAt=2013-03-01T10%3A00%3A00Z',
    );
    expect(atCut('/register/bodies/jwg', { asOf: '2012-12-01', from: '2012-01-01' })).toBe(
      '/register/bodies/jwg?asOf=2012-12-01',
    );
  });

  it('adds to a query the link has, before its fragment', () => {
    expect(atCut('/register/proposals/p?x=1#changes', { knownAt: '2013-03-01' })).toBe(
      '/register/proposals/p?x=1&knownAt=2013-03-01#changes',
    );
  });

  it('leaves the link as it is on a page drawn now', () => {
    expect(atCut('/register/people/olly-martins', {})).toBe('/register/people/olly-martins');
    expect(atCut('/register/people/olly-martins', undefined)).toBe('/register/people/olly-martins');
  });
});
