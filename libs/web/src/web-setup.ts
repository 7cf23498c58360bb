import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyStatic from '@fastify/static';
import fastifyView from '@fastify/view';
import nunjucks from 'nunjucks';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { buildOpenApiDocument } from '@ledger/http';
import { LedgerConfig } from '@ledger/platform';
import { CommandForms } from './console/command-forms';
import { readUploadForm, UPLOAD_PATH } from './console/upload-form';
import { PageRenderer } from './pages/page-renderer';
import { WebCaller } from './session/web-caller';
import { ProblemPages } from './pages/problem-pages';
import { configureTemplates } from './pages/template-filters';
import { govukFrontendDist, webRoot } from './web-root';

/** Every form of the web posts under this prefix. */
export const FORM_PREFIX = '/console/';

const CSRF_REFUSAL = {
  status: 403,
  code: 'forbidden',
  title: 'The form was refused',
  detail:
    'It came without its security token, or with one from another session (CSRF protection). Nothing was recorded: open the form again and send it from there.',
};

/**
 * Registers what the pages need on the Fastify instance, before the app starts: cookies, CSRF
 * tokens, form bodies (on the console's routes only: the JSON API still refuses them with 415),
 * the session as the caller of the web's own routes, static assets (GOV.UK Frontend's and the
 * web's own) and Nunjucks templates.
 */
export async function registerWeb(app: NestFastifyApplication): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const pages = app.get(PageRenderer);
  const root = webRoot();
  const govuk = govukFrontendDist();
  // Signs the CSRF secret cookie; sessions and CSRF secrets both end with the process.
  await app.register(fastifyCookie, { secret: randomBytes(32).toString('hex') });
  await app.register(fastifyCsrf as never, {
    sessionPlugin: '@fastify/cookie',
    cookieOpts: { path: '/', sameSite: 'strict', httpOnly: true, signed: true },
  });
  await app.register(fastifyStatic, {
    root: join(govuk, 'govuk', 'assets'),
    prefix: '/assets/',
    decorateReply: false,
    maxAge: '1h',
  });
  await app.register(fastifyStatic, {
    root: join(govuk, 'govuk'),
    prefix: '/assets/govuk/',
    decorateReply: false,
    allowedPath: (path: string) => /^\/govuk-frontend\.min\.(css|js)(\.map)?$/.test(path),
  });
  await app.register(fastifyStatic, {
    root: join(root, 'assets'),
    prefix: '/assets/web/',
    decorateReply: false,
  });
  await app.register(fastifyView, {
    engine: { nunjucks },
    templates: [join(root, 'views'), govuk],
    production: process.env.NODE_ENV === 'production',
    options: { autoescape: true, onConfigure: configureTemplates },
  });

  // createHttpApp turns Nest's body parsers off; forms are read here, for the console alone.
  fastify.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (request, body, done) => {
      if (!request.url.startsWith(FORM_PREFIX)) return done(unsupportedMediaType(), undefined);
      done(null, parseForm(String(body)));
    },
  );
  // A document's content comes as a file, so its form is multipart: read on its one route alone,
  // up to the API's own LEDGER_DOCUMENT_MAX_BYTES. Every other route still answers 415.
  const maxDocumentBytes = app.get(LedgerConfig).LEDGER_DOCUMENT_MAX_BYTES;
  fastify.addContentTypeParser('multipart/form-data', (request, payload, done) => {
    if (request.method !== 'POST' || request.routeOptions.url !== UPLOAD_PATH)
      return done(unsupportedMediaType(), undefined);
    readUploadForm(request.headers, payload, maxDocumentBytes).then(
      (form) => done(null, form),
      (error: Error) => done(error, undefined),
    );
  });
  // On the web's own routes a signed-in session is the caller, as a bearer token is on the API's:
  // the limits the API sets by caller (the public's small bodies) then treat a clerk as a clerk.
  // The API's routes never read the session cookie.
  const sessions = app.get(WebCaller);
  // Resolved from the session store in memory: a synchronous hook, finished by calling `done`.
  fastify.addHook('onRequest', (request, _reply, done) => {
    const webRoute = request.url.startsWith(FORM_PREFIX) || request.url.startsWith('/register/');
    if (request.headers.authorization === undefined && webRoute) {
      const caller = sessions.of(request);
      if (caller.role !== 'public') (request as FastifyRequest & { caller?: unknown }).caller = caller;
    }
    done();
  });
  // Every form post carries its CSRF token; a post without one (or with another's) is refused
  // with a page that says so, not the plugin's bare error.
  const csrf = (
    fastify as unknown as {
      csrfProtection: (q: FastifyRequest, s: FastifyReply, d: (e?: Error) => void) => void;
    }
  ).csrfProtection;
  fastify.addHook('preHandler', (request, reply, done) => {
    if (request.method !== 'POST' || !request.url.startsWith(FORM_PREFIX)) return done();
    const refusing = Object.create(reply) as FastifyReply;
    refusing.send = () => {
      // The upload form names the problem in its own error summary, as it names every other.
      if (request.routeOptions.url === UPLOAD_PATH)
        void pages.render(
          request,
          reply,
          'document-upload',
          {
            pageTitle: 'Error: The form was refused',
            refused: CSRF_REFUSAL.detail,
            refusedHref: UPLOAD_PATH,
            values: {},
          },
          403,
        );
      else
        void pages.render(
          request,
          reply,
          'error',
          { pageTitle: 'The form was refused', problem: CSRF_REFUSAL },
          403,
        );
      return reply;
    };
    csrf(request, refusing, done);
  });
  // The console's forms are drawn from the API's own document, built when first asked for.
  app.get(CommandForms).useDocument(() => buildOpenApiDocument(app));
  // A problem type opened in a browser (following a link, so with no Authorization header) reads
  // as a page; API clients, and any request with a token to check, get the API's problem+json.
  const problems = app.get(ProblemPages);
  fastify.addHook('onRequest', (request, reply, done) => {
    if (request.method !== 'GET' || !/^\/problems(\/|$)/.test(request.url)) return done();
    void reply.header('vary', 'Accept');
    // Only a well-formed request for a known type becomes a page; anything else is the API's to refuse.
    if (
      !prefersHtml(request.headers.accept) ||
      request.headers.authorization !== undefined ||
      !problems.isPage(request.url)
    )
      return done();
    // The page answers the request: the chain does not go on.
    problems.send(request, reply).catch(done);
  });
}

/** The JSON API's answer to a body it does not read, as Fastify's own. */
function unsupportedMediaType(): Error {
  return Object.assign(new Error('Send application/json'), {
    statusCode: 415,
    code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
  });
}

/** A form body as field → value, or values when a field repeats (checkboxes). */
export function parseForm(body: string): Record<string, string | string[]> {
  const form = Object.create(null) as Record<string, string | string[]>;
  for (const [key, value] of new URLSearchParams(body)) {
    const seen = form[key];
    form[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return form;
}

/** True when the Accept header ranks HTML above JSON, as a browser's does. */
export function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  const quality = (type: string) => {
    let best = -1;
    for (const part of accept.split(',')) {
      const [range, ...params] = part
        .trim()
        .split(';')
        .map((s) => s.trim());
      const q = Number(params.find((p) => p.startsWith('q='))?.slice(2) ?? 1);
      const [t, s] = range.split('/');
      const [wt, ws] = type.split('/');
      if ((t === wt || t === '*') && (s === ws || s === '*'))
        best = Math.max(best, Number.isFinite(q) ? q : 0);
    }
    return best;
  };
  return (
    quality('text/html') > Math.max(quality('application/json'), quality('application/problem+json')) &&
    quality('text/html') > 0
  );
}
