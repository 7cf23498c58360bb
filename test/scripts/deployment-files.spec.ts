import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const read = (path: string) => readFileSync(resolve(ROOT, path), 'utf8');

/** The image runs on a supported Node LTS line, and compose publishes nothing beyond this machine unless told to. */
describe('deployment files', () => {
  it('builds and runs the image on one Node LTS line that is still supported (24 or later, even)', () => {
    const dockerfile = read('apps/ledger-api/Dockerfile');
    const version = Number(/^ARG NODE_VERSION=(\d+)$/m.exec(dockerfile)?.[1]);
    expect(version % 2).toBe(0); // even majors become LTS
    expect(version).toBeGreaterThanOrEqual(24); // 20 ended in April 2026; 22 is in maintenance only
    const froms = dockerfile.match(/^FROM .*$/gm) ?? [];
    expect(froms).toEqual([
      'FROM node:${NODE_VERSION}-bookworm AS build',
      'FROM node:${NODE_VERSION}-bookworm-slim AS runtime',
    ]);
  });

  it('publishes every compose port on 127.0.0.1 only', () => {
    const published = [...read('docker-compose.yml').matchAll(/^\s+- "([^"]+:\d+)"/gm)]
      .map((m) => m[1])
      .filter((p) => /^\S*\d+:\d+$/.test(p));
    expect(published.length).toBeGreaterThanOrEqual(4);
    for (const port of published) expect(port).toMatch(/^127\.0\.0\.1:\d+:\d+$/);
  });
});
