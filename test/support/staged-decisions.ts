import { HERTS_PROPOSAL } from '@ledger/domain';
import type { OpenApiClient } from './openapi-client';
import type { TestApp } from './test-app';

/**
 * Decisions of Hertfordshire's PCC on his own proposal, after the story: an approval in
 * principle, the final approval taken by his Chief Executive under delegation, the contract
 * signed (its record with an exempt annex), and that signature rescinded; before them, a
 * deferral taken in private. Not what happened (the reports stop earlier): a staged sequence
 * with every field of a decision record, for the register's tests.
 */
export const ANNEX_CANARY = 'ANNEX-CANARY-register pricing schedule';
export const PRIVATE_CANARY = 'PRIVATE-CANARY-register deferral';

const signed = (personId: string, on: string) => ({ personId, on });

export const STAGED = [
  {
    decisionId: 'herts-in-principle',
    outcome: 'approve',
    stage: 'in-principle',
    reference: 'PCC/H/2013/01',
    title: 'Policing support services: approval in principle',
    keyDecision: true,
    significantPublicInterest: true,
    signed: signed('david-lloyd', '2013-03-01'),
    publishedOn: '2013-03-04',
    undoesDecisionId: undefined,
    occurredAt: '2013-03-01',
  },
  {
    decisionId: 'herts-final',
    outcome: 'approve',
    stage: 'final',
    reference: 'PCC/H/2013/02',
    title: 'Policing support services: final approval',
    keyDecision: false,
    significantPublicInterest: false,
    delegation: { personId: 'herts-ceo', role: 'Chief Executive', scheme: 'Scheme of Delegation, para 4.2' },
    signed: signed('herts-ceo', '2013-04-02'),
    publishedOn: '2013-04-03',
    undoesDecisionId: undefined,
    occurredAt: '2013-04-02',
  },
  {
    decisionId: 'herts-contract',
    outcome: 'sign-contract',
    stage: undefined,
    reference: 'PCC/H/2013/03',
    title: 'Policing support services: contract signed',
    keyDecision: true,
    significantPublicInterest: true,
    signed: signed('david-lloyd', '2013-05-01'),
    publishedOn: '2013-05-02',
    exemptAnnex: { paragraph: 3, title: 'Commercial terms', content: ANNEX_CANARY },
    undoesDecisionId: undefined,
    occurredAt: '2013-05-01',
  },
  {
    decisionId: 'herts-rescind',
    outcome: 'rescind',
    stage: undefined,
    undoesDecisionId: 'herts-contract',
    reference: 'PCC/H/2013/04',
    title: 'Policing support services: signature rescinded',
    keyDecision: true,
    significantPublicInterest: true,
    signed: signed('david-lloyd', '2013-06-03'),
    publishedOn: '2013-06-03',
    occurredAt: '2013-06-03',
  },
];

/** Records the staged decisions (and the private deferral before them) as a clerk, after the story. */
export async function recordStagedDecisions(client: OpenApiClient, ctx: TestApp): Promise<void> {
  const source = { kind: 'decision-record', reference: 'register test' };
  const call = async (operationId: string, params: Record<string, string>, body: object) => {
    const res = await client.call(operationId, {
      params,
      body: { source, ...body },
      token: ctx.tokens.clerk,
    });
    if (res.status !== 201) throw new Error(`${operationId}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  await call(
    'registerPerson',
    {},
    { personId: 'herts-ceo', name: 'Hannah Executive', occurredAt: '2013-02-01' },
  );
  const taker = { bodyId: 'pcc-hertfordshire', postId: 'commissioner', personId: 'david-lloyd' };
  await call(
    'recordDecision',
    { proposalId: HERTS_PROPOSAL },
    {
      ...taker,
      decisionId: 'herts-private-deferral',
      outcome: 'defer',
      inPublic: false,
      title: PRIVATE_CANARY,
      rationale: 'Deferred in private.',
      occurredAt: '2013-02-27',
    },
  );
  for (const { occurredAt, ...d } of STAGED)
    await call(
      'recordDecision',
      { proposalId: HERTS_PROPOSAL },
      { ...taker, ...d, inPublic: true, rationale: `Reasons for ${d.decisionId}.`, occurredAt },
    );
  await ctx.settle();
}
