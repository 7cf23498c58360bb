import canonicalize from 'canonicalize';
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  KeyObject,
  sign as cryptoSign,
  verify as cryptoVerify,
} from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isHexHash, isSafeSize } from './merkle/rfc9162';
import type { TreeHead } from './proofs';

/**
 * Signed tree heads ("checkpoints"): a statement by the ledger that its Merkle tree had
 * `treeSize` leaves and root `rootHash` at `timestamp`. Whoever keeps one can later ask for a
 * consistency proof and so detect any rewrite of the history it covers.
 *
 * The signed bytes are the RFC 8785 (JCS) encoding of the checkpoint without `signature`:
 *   {"algorithm":"Ed25519","keyId":"…","rootHash":"…","timestamp":"…","treeSize":N}
 * (`keyId` only when present). The signature is Ed25519 (RFC 8032, pure, no pre-hash) over
 * those bytes, base64-encoded. See README.md, "Checkpoints".
 *
 * An unsigned checkpoint (no key configured, or `ledger checkpoint` without --sign-with) names no
 * algorithm: `algorithm` is a claim that a signature was made, and an outsider reading
 * `"algorithm": "Ed25519"` would take the tree head for one that can be checked.
 */
export interface Checkpoint extends TreeHead {
  /** ISO 8601, UTC (`2026-05-01T12:00:00.000Z`). */
  timestamp: string;
  /** The signature's algorithm: on every signed checkpoint, and on the unsigned ones written before it was left out. */
  algorithm?: 'Ed25519';
  /** Hex SHA-256 of the raw 32-byte public key, unless the signer chose another id. */
  keyId?: string;
  /** Base64 Ed25519 signature over {@link checkpointSigningBytes}. */
  signature?: string;
}

export type PublicKeyInput = KeyObject | string | Buffer;
export type PrivateKeyInput = KeyObject | string | Buffer;

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export class InvalidCheckpoint extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidCheckpoint';
  }
}

/** Validates the shape of a checkpoint read from JSON; throws InvalidCheckpoint naming the field. */
export function parseCheckpoint(value: unknown): Checkpoint {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new InvalidCheckpoint('A checkpoint is a JSON object');
  const cp = value as Record<string, unknown>;
  if (!isSafeSize(cp.treeSize)) throw new InvalidCheckpoint('treeSize must be an integer >= 0');
  if (!isHexHash(cp.rootHash)) throw new InvalidCheckpoint('rootHash must be 64 lower-case hex characters');
  if (typeof cp.timestamp !== 'string' || !ISO_UTC.test(cp.timestamp))
    throw new InvalidCheckpoint('timestamp must be ISO 8601 in UTC');
  if (cp.algorithm !== undefined && cp.algorithm !== 'Ed25519')
    throw new InvalidCheckpoint(
      `algorithm must be "Ed25519" (or absent on an unsigned checkpoint), got ${JSON.stringify(cp.algorithm)}`,
    );
  if (cp.keyId !== undefined && (typeof cp.keyId !== 'string' || cp.keyId.length === 0))
    throw new InvalidCheckpoint('keyId must be a non-empty string');
  if (cp.signature !== undefined && typeof cp.signature !== 'string')
    throw new InvalidCheckpoint('signature must be a base64 string');
  // The signed bytes include the algorithm: without it, what was signed cannot be rebuilt.
  if (cp.signature !== undefined && cp.algorithm === undefined)
    throw new InvalidCheckpoint('A signed checkpoint must name its algorithm: "algorithm": "Ed25519"');
  const known = new Set(['treeSize', 'rootHash', 'timestamp', 'algorithm', 'keyId', 'signature']);
  const extra = Object.keys(cp).filter((k) => !known.has(k));
  if (extra.length > 0) throw new InvalidCheckpoint(`Unknown checkpoint field(s): ${extra.join(', ')}`);
  return cp as unknown as Checkpoint;
}

/**
 * The exact bytes that are signed: RFC 8785 over every field but `signature`. The algorithm is
 * always among them (a checkpoint about to be signed may not name it yet): it is Ed25519.
 */
export function checkpointSigningBytes(checkpoint: Omit<Checkpoint, 'signature'>): Buffer {
  const content: Record<string, unknown> = {
    algorithm: checkpoint.algorithm ?? 'Ed25519',
    rootHash: checkpoint.rootHash,
    timestamp: checkpoint.timestamp,
    treeSize: checkpoint.treeSize,
  };
  if (checkpoint.keyId !== undefined) content.keyId = checkpoint.keyId;
  const text = canonicalize(content);
  if (text === undefined) throw new InvalidCheckpoint('The checkpoint cannot be canonicalised');
  return Buffer.from(text, 'utf8');
}

/** Reads an Ed25519 private key (PEM, PKCS#8) from a file the caller names. */
export function loadPrivateKey(path: string): KeyObject {
  return toPrivateKey(readFileSync(path, 'utf8'));
}

function toPrivateKey(key: PrivateKeyInput): KeyObject {
  const k = key instanceof KeyObject ? key : createPrivateKey(key);
  if (k.type !== 'private' || k.asymmetricKeyType !== 'ed25519')
    throw new InvalidCheckpoint('The signing key must be an Ed25519 private key');
  return k;
}

/** A public key from a KeyObject, a PEM (SPKI) text, or the raw 32-byte key in base64. */
export function parsePublicKey(key: PublicKeyInput): KeyObject {
  let k: KeyObject;
  if (key instanceof KeyObject) {
    k = key.type === 'private' ? createPublicKey(key) : key;
  } else {
    const text = Buffer.isBuffer(key) ? key.toString('utf8') : key;
    if (text.includes('-----BEGIN')) {
      k = createPublicKey(text);
    } else {
      const raw = Buffer.from(text.trim(), 'base64');
      if (raw.length !== 32)
        throw new InvalidCheckpoint('A raw Ed25519 public key is 32 bytes (44 base64 characters)');
      k = createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
    }
  }
  if (k.asymmetricKeyType !== 'ed25519')
    throw new InvalidCheckpoint('The checkpoint key must be an Ed25519 key');
  return k;
}

/** The public key reads from a file: PEM, or the raw key in base64. */
export function loadPublicKey(path: string): KeyObject {
  return parsePublicKey(readFileSync(path, 'utf8'));
}

export function rawPublicKey(key: PublicKeyInput): Buffer {
  const der = parsePublicKey(key).export({ format: 'der', type: 'spki' });
  return der.subarray(der.length - 32);
}

/** The default key id: hex SHA-256 of the raw 32-byte public key. */
export function keyIdOf(key: PublicKeyInput): string {
  return createHash('sha256').update(rawPublicKey(key)).digest('hex');
}

/** A fresh Ed25519 key pair as PEM texts, with the raw public key in base64 and its key id. */
export function generateCheckpointKeys(): {
  privateKeyPem: string;
  publicKeyPem: string;
  publicKeyBase64: string;
  keyId: string;
} {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    publicKeyBase64: rawPublicKey(publicKey).toString('base64'),
    keyId: keyIdOf(publicKey),
  };
}

/** An unsigned checkpoint of a tree head: no signature, and so no algorithm. */
export function createCheckpoint(head: TreeHead, timestamp: Date | string = new Date()): Checkpoint {
  return parseCheckpoint({
    treeSize: head.treeSize,
    rootHash: head.rootHash,
    timestamp: typeof timestamp === 'string' ? timestamp : timestamp.toISOString(),
  });
}

export interface SignOptions {
  timestamp?: Date | string;
  /** Defaults to keyIdOf(public key); pass null to leave it out. */
  keyId?: string | null;
}

/**
 * Signs a tree head with an Ed25519 private key (KeyObject or PEM text; see loadPrivateKey for a
 * file). A checkpoint given as the head keeps its timestamp unless `options.timestamp` is set.
 */
export function signCheckpoint(
  head: TreeHead | Checkpoint,
  privateKey: PrivateKeyInput,
  options: SignOptions = {},
): Checkpoint {
  const key = toPrivateKey(privateKey);
  const keyId = options.keyId === null ? undefined : (options.keyId ?? keyIdOf(createPublicKey(key)));
  const stamp = options.timestamp ?? ('timestamp' in head ? head.timestamp : new Date());
  const { treeSize, rootHash, timestamp } = createCheckpoint(head, stamp);
  const checkpoint: Checkpoint = {
    treeSize,
    rootHash,
    timestamp,
    algorithm: 'Ed25519',
    ...(keyId === undefined ? {} : { keyId }),
  };
  const signature = cryptoSign(null, checkpointSigningBytes(checkpoint), key).toString('base64');
  return { ...checkpoint, signature };
}

export interface SignatureCheck {
  ok: boolean;
  reason?: string;
}

/** Checks a checkpoint's shape and Ed25519 signature with the public key (PEM or raw base64). */
export function verifyCheckpointSignature(checkpoint: unknown, publicKey: PublicKeyInput): SignatureCheck {
  let cp: Checkpoint;
  let key: KeyObject;
  try {
    cp = parseCheckpoint(checkpoint);
    key = parsePublicKey(publicKey);
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
  if (!cp.signature) return { ok: false, reason: 'The checkpoint is not signed' };
  const signature = Buffer.from(cp.signature, 'base64');
  if (signature.length !== 64 || signature.toString('base64') !== cp.signature) {
    return { ok: false, reason: 'The signature is not 64 bytes of base64' };
  }
  if (cryptoVerify(null, checkpointSigningBytes(cp), key, signature)) return { ok: true };
  const given = keyIdOf(key);
  const hint =
    cp.keyId !== undefined && cp.keyId !== given
      ? ` (the checkpoint names key ${cp.keyId}; the key given is ${given})`
      : '';
  return { ok: false, reason: `The Ed25519 signature does not match the checkpoint content and key${hint}` };
}
