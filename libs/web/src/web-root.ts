import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The folder holding the web's templates and assets. In tests and under ts-node that is this
 * file's folder; in the built service (one webpack bundle in dist/) it is found by walking up to
 * the source tree, which ships beside dist/ as the Dockerfile and `npm start` run it.
 */
export function webRoot(): string {
  if (existsSync(join(__dirname, 'views'))) return __dirname;
  for (let dir = resolve(__dirname); dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'libs', 'web', 'src');
    if (existsSync(join(candidate, 'views'))) return candidate;
  }
  const fromCwd = resolve('libs/web/src');
  if (existsSync(join(fromCwd, 'views'))) return fromCwd;
  throw new Error(`The web's templates (libs/web/src/views) were not found from ${__dirname}`);
}

/** GOV.UK Frontend's built files: its Nunjucks macros, CSS, JavaScript, fonts and images. */
export function govukFrontendDist(): string {
  return join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');
}
