import { createPublicKey } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checkpointSigningBytes,
  createCheckpoint,
  generateCheckpointKeys,
  InvalidCheckpoint,
  keyIdOf,
  loadPrivateKey,
  parseCheckpoint,
  signCheckpoint,
  verifyCheckpointSignature,
  type Checkpoint,
} from './checkpoint';

const head = { treeSize: 1234, rootHash: 'ab'.repeat(32) };

describe('checkpoints (signed tree heads)', () => {
  const keys = generateCheckpointKeys();
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'ledger-keys-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('signs with a private key loaded from a file, and verifies with the PEM or the raw base64 public key', () => {
    const keyPath = join(dir, 'checkpoint.key');
    writeFileSync(keyPath, keys.privateKeyPem, { mode: 0o600 });
    const cp = signCheckpoint(head, loadPrivateKey(keyPath), { timestamp: new Date('2026-05-01T12:00:00Z') });
    expect(cp).toEqual({
      treeSize: 1234,
      rootHash: head.rootHash,
      timestamp: '2026-05-01T12:00:00.000Z',
      algorithm: 'Ed25519',
      keyId: keys.keyId,
      signature: expect.stringMatching(/^[A-Za-z0-9+/]{86}==$/),
    });
    expect(verifyCheckpointSignature(cp, keys.publicKeyPem)).toEqual({ ok: true });
    expect(verifyCheckpointSignature(cp, keys.publicKeyBase64)).toEqual({ ok: true });
    expect(
      verifyCheckpointSignature(JSON.parse(JSON.stringify(cp)), createPublicKey(keys.publicKeyPem)),
    ).toEqual({ ok: true });
    expect(keyIdOf(keys.publicKeyBase64)).toBe(keys.keyId);
  });

  it('signs exactly the RFC 8785 bytes of the fields but the signature', () => {
    const cp = signCheckpoint(head, keys.privateKeyPem, { timestamp: '2026-05-01T12:00:00.000Z' });
    expect(checkpointSigningBytes(cp).toString('utf8')).toBe(
      `{"algorithm":"Ed25519","keyId":"${keys.keyId}","rootHash":"${head.rootHash}","timestamp":"2026-05-01T12:00:00.000Z","treeSize":1234}`,
    );
    const bare = signCheckpoint(head, keys.privateKeyPem, {
      timestamp: '2026-05-01T12:00:00.000Z',
      keyId: null,
    });
    expect(bare.keyId).toBeUndefined();
    expect(checkpointSigningBytes(bare).toString('utf8')).toBe(
      `{"algorithm":"Ed25519","rootHash":"${head.rootHash}","timestamp":"2026-05-01T12:00:00.000Z","treeSize":1234}`,
    );
    expect(verifyCheckpointSignature(bare, keys.publicKeyPem).ok).toBe(true);
  });

  it('fails when any field is changed, or with another key', () => {
    const cp = signCheckpoint(head, keys.privateKeyPem);
    const changed: Array<Partial<Checkpoint>> = [
      { treeSize: 1235 },
      { rootHash: 'ab'.repeat(31) + 'ac' },
      { timestamp: '2000-01-01T00:00:00.000Z' },
      { keyId: 'another-key' },
      { keyId: undefined },
    ];
    for (const change of changed) {
      const check = verifyCheckpointSignature({ ...cp, ...change }, keys.publicKeyPem);
      expect(check.ok).toBe(false);
    }
    const sig = Buffer.from(cp.signature!, 'base64');
    sig[10] ^= 1;
    expect(
      verifyCheckpointSignature({ ...cp, signature: sig.toString('base64') }, keys.publicKeyPem).ok,
    ).toBe(false);
    expect(verifyCheckpointSignature({ ...cp, algorithm: 'RSA' }, keys.publicKeyPem)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/algorithm/),
    });
    const other = generateCheckpointKeys();
    expect(verifyCheckpointSignature(cp, other.publicKeyPem)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/names key/),
    });
    const { signature: _s, ...unsigned } = cp;
    expect(verifyCheckpointSignature(unsigned, keys.publicKeyPem)).toEqual({
      ok: false,
      reason: 'The checkpoint is not signed',
    });
  });

  it('an unsigned checkpoint claims no signature algorithm: an outsider cannot take it for a signed one', () => {
    const cp = createCheckpoint(head, '2026-05-01T12:00:00.000Z');
    expect(cp).toEqual({ ...head, timestamp: '2026-05-01T12:00:00.000Z' });
    expect(parseCheckpoint(JSON.parse(JSON.stringify(cp)))).toEqual(cp);
    expect(verifyCheckpointSignature(cp, keys.publicKeyPem)).toEqual({
      ok: false,
      reason: 'The checkpoint is not signed',
    });
  });

  it('reads the checkpoint files written before: signed ones, and unsigned ones that named the algorithm', () => {
    const signed = JSON.parse(
      JSON.stringify(signCheckpoint(head, keys.privateKeyPem, { timestamp: '2026-05-01T12:00:00.000Z' })),
    );
    expect(parseCheckpoint(signed)).toEqual(signed);
    expect(verifyCheckpointSignature(signed, keys.publicKeyPem)).toEqual({ ok: true });
    const oldUnsigned = { ...head, timestamp: '2026-05-01T12:00:00.000Z', algorithm: 'Ed25519' };
    expect(parseCheckpoint(oldUnsigned)).toEqual(oldUnsigned);
    // A signature means nothing without the algorithm it was made with, which it also covers.
    const { algorithm: _a, ...withoutAlgorithm } = signed as Checkpoint;
    expect(() => parseCheckpoint(withoutAlgorithm)).toThrow(
      'A signed checkpoint must name its algorithm: "algorithm": "Ed25519"',
    );
  });

  it('validates the shape', () => {
    const cp = createCheckpoint(head, '2026-05-01T12:00:00.000Z');
    expect(() => parseCheckpoint({ ...cp, treeSize: -1 })).toThrow(InvalidCheckpoint);
    expect(() => parseCheckpoint({ ...cp, rootHash: 'AB'.repeat(32) })).toThrow(/rootHash/);
    expect(() => parseCheckpoint({ ...cp, timestamp: '1 May 2026' })).toThrow(/timestamp/);
    expect(() => parseCheckpoint({ ...cp, extra: 1 })).toThrow(/extra/);
    expect(() => parseCheckpoint({ ...cp, algorithm: 'RSA' })).toThrow(
      'algorithm must be "Ed25519" (or absent on an unsigned checkpoint), got "RSA"',
    );
    expect(() => signCheckpoint(head, keys.publicKeyPem)).toThrow();
  });
});
