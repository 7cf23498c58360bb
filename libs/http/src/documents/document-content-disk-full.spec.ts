import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { StorageFull } from '@ledger/event-store';
import { startTestApp, type TestApp } from '../../../../test/support/test-app';
import { toProblem } from '../problems/problem';
import { DocumentContentStore, noRoomAsStorageFull } from './document-content.store';

/**
 * A clerk uploads a document's content when the disk has no room: the real service answers 507
 * storage-full as problem+json, records nothing, and leaves nothing in the content folder, not
 * even a temporary file (an auditor must never find half a document). The disk is full for real,
 * without mocks: the store's temporary file is a link to /dev/full (whose writes fail with
 * ENOSPC, for any user), and, where the test may mount one, the folder is a 64 KiB tmpfs.
 */
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const source = { kind: 'minutes', reference: 'disk full test' };
const filesIn = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : []);

/** The real service with its content in `documentsDir`, and what a test of it needs. */
function contentService(documentsDir: () => string) {
  let ctx: TestApp;
  const server = () => ctx.app.getHttpServer();
  const clerk = () => `Bearer ${ctx.tokens.clerk}`;
  return {
    get ctx() {
      return ctx;
    },
    async start() {
      ctx = await startTestApp({ LEDGER_DOCUMENTS_DIR: documentsDir(), LEDGER_DOCUMENT_MAX_BYTES: 1 << 20 });
    },
    stop: () => ctx?.stop(),
    async record(documentId: string, content: Buffer) {
      const res = await request(server())
        .post('/documents')
        .set('authorization', clerk())
        .send({
          documentId,
          title: `Document ${documentId}`,
          kind: 'report',
          mediaType: 'application/pdf',
          sha256: sha(content),
          size: content.length,
          publishedAt: '2024-05-01',
          visibility: 'public',
          occurredAt: '2024-05-01',
          source,
        });
      if (res.status !== 201) throw new Error(`recordDocument: ${res.status} ${JSON.stringify(res.body)}`);
      await ctx.settle();
    },
    upload: (documentId: string, content: Buffer) =>
      request(server())
        .put(`/documents/${documentId}/content`)
        .set('authorization', clerk())
        .set('content-type', 'application/octet-stream')
        .send(content),
    /** What a reader finds of the document: whether its content is stored, and the content route's status. */
    async found(documentId: string) {
      const record = await request(server()).get(`/documents/${documentId}`);
      const content = await request(server()).get(`/documents/${documentId}/content`);
      return { contentStored: record.body.contentStored as boolean, content: content.status };
    },
  };
}

/** The 507 a refused upload answers, and that nothing of it stays: no event, no file, no record of content. */
async function expectNothingStored(
  service: ReturnType<typeof contentService>,
  res: request.Response,
  documentId: string,
  headBefore: number,
  dir: string,
): Promise<void> {
  expect(res.status).toBe(507);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({
    type: '/problems/storage-full',
    code: 'storage-full',
    status: 507,
    detail: expect.stringMatching(/no room for the document's content, ENOSPC\): nothing was written/),
  });
  expect(res.body.detail).not.toContain(dir);
  expect(await service.ctx.store.head()).toBe(headBefore);
  expect(await service.found(documentId)).toEqual({ contentStored: false, content: 404 });
  expect(filesIn(dir)).toEqual([]);
}

describe('uploading content when the disk has no room (/dev/full)', () => {
  const root = mkdtempSync(join(tmpdir(), 'ledger-content-full-'));
  const dir = join(root, 'documents');
  const service = contentService(() => dir);
  const REPORT = Buffer.from('%PDF-1.4 the budget report, to be kept whole or not at all');
  beforeAll(async () => {
    await service.start();
    await service.record('report', REPORT);
  });
  afterAll(async () => {
    await service.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers 507 storage-full, stores nothing and leaves no temporary file; once there is room the same upload is kept', async () => {
    const store = service.ctx.app.get(DocumentContentStore);
    mkdirSync(dir, { recursive: true });
    symlinkSync('/dev/full', store.temporaryPathOf(sha(REPORT)));
    const head = await service.ctx.store.head();

    await expectNothingStored(service, await service.upload('report', REPORT), 'report', head, dir);

    const kept = await service.upload('report', REPORT);
    expect(kept.status).toBe(200);
    expect(kept.body).toMatchObject({ documentId: 'report', contentStored: true });
    expect(filesIn(dir)).toEqual([sha(REPORT)]);
  });

  it('leaves no file when the content is refused for its hash, or the client goes away mid-body', async () => {
    const other = Buffer.from('%PDF-1.4 the minutes, uploaded in part');
    await service.record('minutes', other);
    const before = filesIn(dir);
    const wrong = await service.upload('minutes', Buffer.from('%PDF-1.4 not the minutes at all!!!!!!'));
    expect(wrong.status).toBe(422);
    expect(filesIn(dir)).toEqual(before);

    // Half the body, then the connection closes: the service must not keep what it got.
    await service.ctx.app.listen(0, '127.0.0.1');
    const { port } = service.ctx.app.getHttpServer().address() as { port: number };
    await new Promise<void>((done, fail) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(
          `PUT /documents/minutes/content HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${service.ctx.tokens.clerk}\r\n` +
            `content-type: application/octet-stream\r\ncontent-length: ${other.length}\r\n\r\n`,
        );
        socket.write(other.subarray(0, other.length >> 1), () => setTimeout(() => socket.destroy(), 100));
      });
      socket.on('close', () => done());
      socket.on('error', fail);
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(await service.found('minutes')).toEqual({ contentStored: false, content: 404 });
    expect(filesIn(dir)).toEqual(before);
  });

  it('takes a quota used up (EDQUOT) for the disk full too, and any other error as it is', () => {
    const quota = noRoomAsStorageFull(
      Object.assign(new Error('EDQUOT: disk quota exceeded, write'), { code: 'EDQUOT' }),
    );
    expect(quota).toBeInstanceOf(StorageFull);
    expect(toProblem(quota)).toMatchObject({ status: 507, code: 'storage-full' });
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    expect(noRoomAsStorageFull(denied)).toBe(denied);
  });
});

/** Mounts a 64 KiB tmpfs at `dir`; false when this process may not (it must be root, with the right to mount). */
function mountTmpfs(dir: string): boolean {
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Whether a tmpfs can be mounted here, tried on a folder of its own and let go at once. */
function canMountTmpfs(): boolean {
  const probe = mkdtempSync(join(tmpdir(), 'ledger-tmpfs-probe-'));
  const mounted = mountTmpfs(probe);
  if (mounted) execFileSync('umount', [probe], { stdio: 'ignore' });
  rmSync(probe, { recursive: true, force: true });
  return mounted;
}

// The /dev/full case above runs for any user; this one is the disk itself filling up part way.
(canMountTmpfs() ? describe : describe.skip)(
  'uploading content larger than the room left on a real disk (a 64 KiB tmpfs; skipped where one cannot be mounted)',
  () => {
    const root = mkdtempSync(join(tmpdir(), 'ledger-content-tmpfs-'));
    const dir = join(root, 'documents');
    const service = contentService(() => dir);
    const LARGE = Buffer.alloc(96 * 1024, '%PDF-1.4 a long annex ');
    const SMALL = Buffer.from('%PDF-1.4 a short annex');
    beforeAll(async () => {
      mkdirSync(dir);
      if (!mountTmpfs(dir)) throw new Error(`A tmpfs could be mounted, but not at ${dir}`);
      await service.start();
      await service.record('large', LARGE);
      await service.record('small', SMALL);
    });
    afterAll(async () => {
      await service.stop();
      execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
      rmSync(root, { recursive: true, force: true });
    });

    it('answers 507 storage-full and removes the part it had written; content that fits is kept', async () => {
      const head = await service.ctx.store.head();
      await expectNothingStored(service, await service.upload('large', LARGE), 'large', head, dir);
      const kept = await service.upload('small', SMALL);
      expect(kept.status).toBe(200);
      expect(filesIn(dir)).toEqual([sha(SMALL)]);
    });
  },
);
