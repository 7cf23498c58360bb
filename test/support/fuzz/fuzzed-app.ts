import { OpenApiClient } from '../openapi-client';
import { recordStoryOverHttp } from '../story-over-http';
import { startTestApp, type TestApp } from '../test-app';
import { operationsOf, resolver, type Doc, type Operation, type Schema } from './openapi-document';

/** FUZZ_SEED replays a run: fast-check's seed, for the fuzz and its regressions alike. */
export const FUZZ_SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

/** The app with the story recorded, and the operations of its own OpenAPI document. */
export interface FuzzedApp {
  ctx: TestApp;
  ops: Operation[];
  resolve: (s?: Schema) => Schema;
}

/** Starts the app the fuzz sends its requests to, records the story and walks the document it serves. */
export async function startFuzzedApp(): Promise<FuzzedApp> {
  const ctx = await startTestApp({
    LEDGER_RATE_LIMIT_PER_MINUTE: 10_000_000,
    // Junk credentials are a defect the fuzz sends often: each must meet the check itself, not the
    // limit on failed sign-ins (30 a minute by default), which would answer 429 after the first few.
    LEDGER_FAILED_AUTH_PER_MINUTE: 10_000_000,
  });
  const client = await OpenApiClient.generate(ctx.app);
  await recordStoryOverHttp(client, ctx);
  const doc = client.document as unknown as Doc;
  return { ctx, ops: operationsOf(doc), resolve: resolver(doc) };
}
