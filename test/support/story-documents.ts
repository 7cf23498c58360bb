import { createHash } from 'node:crypto';
import type { OpenApiClient } from './openapi-client';
import type { TestApp } from './test-app';

/** The story's PCC meeting, where the specs put the minutes they record. */
const MEETING = 'pcc-g4s-meeting';

/** Records a public text document of the story's PCC meeting, as a clerk (its content not uploaded). */
export async function recordMinutes(
  client: OpenApiClient,
  ctx: TestApp,
  documentId: string,
  content: Buffer,
): Promise<void> {
  const recorded = await client.call('recordDocument', {
    body: {
      documentId,
      title: `Minutes ${documentId}`,
      kind: 'minutes',
      mediaType: 'text/plain',
      sha256: createHash('sha256').update(content).digest('hex'),
      size: content.length,
      publishedAt: '2013-01-30',
      visibility: 'public',
      meetingId: MEETING,
      occurredAt: '2013-01-30',
      source: { kind: 'minutes', reference: `the minutes ${documentId}` },
    },
    token: ctx.tokens.clerk,
  });
  if (recorded.status !== 201)
    throw new Error(`recordDocument: ${recorded.status} ${JSON.stringify(recorded.body)}`);
}

/** Uploads a document's content, as a clerk; the status of the answer. */
export async function uploadContent(ctx: TestApp, documentId: string, content: Buffer): Promise<number> {
  const upload = await ctx.app.inject({
    method: 'PUT',
    url: `/documents/${documentId}/content`,
    headers: { authorization: `Bearer ${ctx.tokens.clerk}`, 'content-type': 'application/octet-stream' },
    payload: content,
  });
  return upload.statusCode;
}
