import { STRATEGIC_ALLIANCE_STORY, type StoryStep } from '@ledger/domain';
import type { OpenApiClient } from './openapi-client';
import type { TestApp } from './test-app';

/** A command as an HTTP call: its operation, path ids from the document's template, the rest as body. */
export function toCall(
  client: OpenApiClient,
  step: StoryStep,
): { operationId: string; params: Record<string, string>; body: Record<string, unknown> } {
  const operationId = step.command.type[0].toLowerCase() + step.command.type.slice(1);
  const { path } = client.operation(operationId);
  const data: Record<string, unknown> = { ...(step.command.data as object) };
  if ('stream' in step.command) data.stream = step.command.stream;
  const params: Record<string, string> = {};
  for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
    params[name] = String(data[name]);
    delete data[name];
  }
  return {
    operationId,
    params,
    body: {
      ...data,
      occurredAt: step.occurredAt,
      ...(step.occurredAtApproximate ? { occurredAtApproximate: true } : {}),
      sources: step.sources,
    },
  };
}

/** Records the story over HTTP alone, as a clerk, with the store clock at each step's recordedAt. */
export async function recordStoryOverHttp(
  client: OpenApiClient,
  ctx: TestApp,
  steps: readonly StoryStep[] = STRATEGIC_ALLIANCE_STORY,
) {
  const results = [];
  for (const step of steps) {
    ctx.setClock(step.recordedAt);
    const call = toCall(client, step);
    if (typeof call.body.eventId === 'string' && call.body.eventId.startsWith('$claim:')) {
      const claimId = call.body.eventId.slice('$claim:'.length);
      const proposalId = String(call.body.stream).slice('proposal-'.length);
      await ctx.settle();
      const history = await client.call('getProposalHistory', {
        params: { proposalId },
        query: { limit: 100 },
        token: ctx.tokens.auditor,
      });
      call.body.eventId = history.body.items.find(
        (e: any) => e.type === 'ClaimRecorded' && e.data.claimId === claimId,
      ).eventId;
    }
    const res = await client.call(call.operationId, {
      params: call.params,
      body: call.body,
      token: ctx.tokens.clerk,
    });
    if (res.status !== 201) throw new Error(`${step.label}: ${res.status} ${JSON.stringify(res.body)}`);
    results.push(res.body);
  }
  ctx.setClock(undefined);
  await ctx.settle();
  return results;
}
