#!/usr/bin/env node
'use strict';
/*
 * Builds an app (`nest build <app>`, webpack: 20-50 s) only when its bundle is missing or older
 * than what it is built from, so a second `npm start` or any `npm run ledger` starts in seconds.
 * Build output goes to stderr: stdout stays the command's own (a token printed by `keys add`).
 *
 *   node scripts/build-if-stale.js ledger-api|ledger-cli
 */
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, rmSync, statSync, utimesSync } = require('node:fs');
const { join, resolve } = require('node:path');

/** What a bundle is built from: TypeScript under apps/ and libs/ (not tests), and the build's own settings. */
function inputsOf(root, app) {
  const files = [
    'package.json',
    'package-lock.json',
    'tsconfig.json',
    'nest-cli.json',
    `apps/${app}/tsconfig.app.json`,
    `apps/${app}/webpack.config.js`,
  ]
    .map((f) => join(root, f))
    .filter((f) => existsSync(f));
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'testing') walk(path);
      } else if (/\.ts$/.test(entry.name) && !/\.(spec|e2e-spec|long-spec)\.ts$/.test(entry.name))
        files.push(path);
    }
  };
  for (const dir of ['apps', 'libs']) if (existsSync(join(root, dir))) walk(join(root, dir));
  return files;
}

/** The inputs newer than the bundle (all of them when there is no bundle yet). */
function staleInputs(root, app) {
  const bundle = join(root, 'dist/apps', app, 'main.js');
  const inputs = inputsOf(root, app);
  if (!existsSync(bundle)) return inputs;
  const builtAt = statSync(bundle).mtimeMs;
  return inputs.filter((f) => statSync(f).mtimeMs > builtAt);
}

/**
 * After a failed build: webpack may still have written a bundle (from sources that do not type
 * check), dated now, which the next start would take as up to date. It is removed, so the next
 * start builds again rather than run it.
 */
function forgetBundle(root, app) {
  const dir = join(root, 'dist/apps', app);
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) if (name.endsWith('.js')) rmSync(join(dir, name), { force: true });
}

function main() {
  const app = process.argv[2];
  if (app !== 'ledger-api' && app !== 'ledger-cli') {
    process.stderr.write('usage: node scripts/build-if-stale.js ledger-api|ledger-cli\n');
    process.exit(2);
  }
  const root = resolve(__dirname, '..');
  const stale = staleInputs(root, app);
  if (stale.length === 0) return;
  process.stderr.write(
    `Building ${app} (${stale.length} source file(s) changed since the last build); later starts skip this.\n`,
  );
  const nest = join(root, 'node_modules/@nestjs/cli/bin/nest.js');
  const startedAt = new Date();
  const built = spawnSync(process.execPath, [nest, 'build', app], {
    cwd: root,
    stdio: ['ignore', process.stderr, process.stderr],
  });
  if (built.status !== 0) {
    forgetBundle(root, app);
    process.exit(built.status ?? 1);
  }
  // webpack leaves an unchanged bundle untouched: date it from this build's start, so a source
  // saved during the build still counts as newer.
  utimesSync(join(root, 'dist/apps', app, 'main.js'), startedAt, startedAt);
}

module.exports = { forgetBundle, inputsOf, staleInputs };
if (require.main === module) main();
