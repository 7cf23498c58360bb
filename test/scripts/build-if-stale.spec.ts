import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { forgetBundle, staleInputs } = require('../../scripts/build-if-stale.js') as {
  staleInputs(this: void, root: string, app: string): string[];
  forgetBundle(this: void, root: string, app: string): void;
};

/** The up-to-date check behind `npm start` and `npm run ledger`: build only what changed since the bundle. */
describe('build if stale', () => {
  let root: string;
  const at = (path: string, seconds: number, text = '') => {
    const file = join(root, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    utimesSync(file, seconds, seconds);
  };
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'ledger-build-'));
    at('package.json', 1000, '{}');
    at('apps/ledger-cli/src/main.ts', 1000);
    at('libs/cli/src/program.ts', 1000);
    at('libs/cli/src/program.spec.ts', 1000);
    at('libs/cli/src/testing/cli-fixtures.ts', 1000);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('builds when there is no bundle yet', () => {
    expect(staleInputs(root, 'ledger-cli').length).toBeGreaterThan(0);
  });

  it('skips the build when the bundle is newer than every source', () => {
    at('dist/apps/ledger-cli/main.js', 2000);
    expect(staleInputs(root, 'ledger-cli')).toEqual([]);
  });

  it('builds again when a library source or the build settings change, not for a test', () => {
    at('dist/apps/ledger-cli/main.js', 2000);
    at('libs/cli/src/program.spec.ts', 3000);
    at('libs/cli/src/testing/cli-fixtures.ts', 3000);
    expect(staleInputs(root, 'ledger-cli')).toEqual([]);
    at('libs/cli/src/program.ts', 3000);
    at('package.json', 3000, '{}');
    expect(
      staleInputs(root, 'ledger-cli')
        .map((f) => f.slice(root.length + 1))
        .sort(),
    ).toEqual(['libs/cli/src/program.ts', 'package.json']);
  });

  it('builds again after a failed build, whatever bundle the failed build left behind', () => {
    at('dist/apps/ledger-cli/main.js', 2000, 'written by a build that failed to type check');
    expect(staleInputs(root, 'ledger-cli')).toEqual([]);
    forgetBundle(root, 'ledger-cli');
    expect(staleInputs(root, 'ledger-cli').length).toBeGreaterThan(0);
  });
});
