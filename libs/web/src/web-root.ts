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

/**
 * GOV.UK Frontend's built files: its Nunjucks macros, CSS, JavaScript, fonts and images. Found
 * by walking up to node_modules, as Node would (require.resolve inside the webpack bundle
 * answers a module number, not a path).
 */
export function govukFrontendDist(): string {
  for (let dir = webRoot(); dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', 'govuk-frontend', 'dist');
    if (existsSync(join(candidate, 'govuk', 'template.njk'))) return candidate;
  }
  throw new Error('govuk-frontend was not found in node_modules: run npm install');
}
