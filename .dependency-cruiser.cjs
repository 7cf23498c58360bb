/**
 * The boundaries between the libs (issue 13), checked by `npm run lint` and by
 * test/architecture/boundaries.spec.ts, which also breaks each rule on purpose to see it fire.
 *
 * The layers, bottom up: domain and event-store import no other lib; integrity imports only the
 * event store (the hashes it verifies are the store's own definition, and its Merkle logs run in
 * the store's transactions); recording, projections, http, web and cli sit above. A lib is entered
 * through its public index (`@ledger/<lib>`), or, for test support, its `testing` index.
 *
 * Specs and a lib's own `src/testing/` folder may use the test tools (fast-check, jest), and a
 * lib's tests may drive the real write path of another lib to make their fixtures (the team's
 * guide: tests use the real stores and paths, never mocks), so the layering rules look at the
 * shipped code only; the deep-path and cycle rules look at everything.
 */

/** Code that ships: not a spec, not a lib's test support. */
const SHIPPED_NOT = ['\\.(spec|e2e-spec|long-spec)\\.ts$', '/src/testing/'];

/** Another lib than the one a file is in: `$1` is the `from` lib's name, captured by the rule's `from.path`. */
const OTHER_LIB = '^libs/(?!$1/)[^/]+/';

/**
 * What the pure libs may take from npm. Node's own modules are allowed (they resolve as `core`,
 * not under node_modules). domain: nothing. integrity: `canonicalize` (RFC 8785, the event hash's
 * encoding) and the two database drivers its Merkle logs and verifiers write and read through
 * (`better-sqlite3`, `postgres`); they are clients, not frameworks. In specs and testing folders:
 * fast-check and jest.
 */
const TEST_TOOLS = '(^|/)node_modules/(fast-check|@jest/globals|@types/jest)/';

/** A package, wherever node_modules is (it may be a link to another checkout's, resolved as `../x/node_modules`). */
const NPM = '(^|/)node_modules/';

module.exports = {
  forbidden: [
    {
      name: 'domain-imports-no-lib',
      comment: 'The domain is pure: it imports no other lib.',
      severity: 'error',
      from: { path: '^libs/(domain)/' },
      to: { path: OTHER_LIB },
    },
    {
      name: 'domain-imports-no-framework',
      comment:
        'The domain is pure: no framework, no npm package (specs and testing/ may use fast-check and jest).',
      severity: 'error',
      from: { path: '^libs/domain/', pathNot: SHIPPED_NOT },
      to: { path: NPM },
    },
    {
      name: 'domain-tests-use-only-test-tools',
      comment: "The domain's specs and testing/ may use the test tools, nothing else from npm.",
      severity: 'error',
      from: { path: '^libs/domain/.*(\\.spec\\.ts$|/src/testing/)' },
      to: { path: NPM, pathNot: TEST_TOOLS },
    },
    {
      name: 'integrity-imports-only-the-event-store',
      comment: 'Integrity verifies what the event store wrote: it imports no other lib than the event store.',
      severity: 'error',
      from: { path: '^libs/(integrity)/', pathNot: SHIPPED_NOT },
      to: { path: OTHER_LIB, pathNot: '^libs/event-store/' },
    },
    {
      name: 'merkle-verifier-is-pure',
      comment:
        "The RFC 9162 tree and proof functions (libs/integrity/src/merkle) import only node's own modules and each other, as transparency-dev keeps its verifier apart from the log that accumulates it.",
      severity: 'error',
      from: { path: '^libs/integrity/src/merkle/', pathNot: SHIPPED_NOT },
      to: { path: '^(?!libs/integrity/src/merkle/)', dependencyTypesNot: ['core'] },
    },
    {
      name: 'integrity-imports-no-framework',
      comment:
        'Integrity runs without a framework: node built-ins, canonicalize and the database drivers only (specs and testing/ may add the test tools).',
      severity: 'error',
      from: { path: '^libs/integrity/', pathNot: SHIPPED_NOT },
      to: {
        path: NPM,
        pathNot: '(^|/)node_modules/(canonicalize|better-sqlite3|@types/better-sqlite3|postgres)/',
      },
    },
    {
      name: 'event-store-imports-no-lib',
      comment: 'The event store is the bottom layer: it imports no other lib.',
      severity: 'error',
      from: { path: '^libs/(event-store)/' },
      to: { path: OTHER_LIB },
    },
    {
      name: 'projections-do-not-import-recording',
      comment:
        'The read side learns of events from the store, never from the write side (its tests may record through it).',
      severity: 'error',
      from: { path: '^libs/projections/', pathNot: SHIPPED_NOT },
      to: { path: '^libs/recording/' },
    },
    {
      name: 'no-deep-import-into-a-lib',
      comment:
        'Another lib is entered through its public index (src/index.ts) or its test-support index (src/testing/index.ts), never a file inside it.',
      severity: 'error',
      from: { path: '^(libs/([^/]+)|apps|test)/' },
      to: {
        path: '^libs/[^/]+/src/',
        pathNot: ['^libs/$2/', '^libs/[^/]+/src/index\\.ts$', '^libs/[^/]+/src/testing/index\\.ts$'],
      },
    },
    {
      name: 'no-circular',
      comment: 'No import loops, type-only imports included.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^dist/', '^test/generated-client/'] },
    tsConfig: { fileName: 'tsconfig.json' },
    // Type-only imports count: a loop through types is still a loop, and a type from another lib
    // is still a dependency on it.
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json', '.d.ts'],
      mainFields: ['types', 'typings', 'main'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
