import * as crypto from 'node:crypto';

/**
 * RFC 9162 (Certificate Transparency v2) Merkle tree hashing and proof verification, with
 * SHA-256. Hashes are 32-byte Buffers inside the library and lower-case hex strings at the API
 * boundary (proof and checkpoint JSON).
 *
 *   leaf hash  = SHA-256(0x00 || leaf input)        the leaf input is the event hash, 32 bytes
 *   node hash  = SHA-256(0x01 || left || right)
 *   empty tree = SHA-256("")
 *
 * Tree sizes and indexes are plain numbers (safe integers); the arithmetic below uses division
 * rather than 32-bit bitwise operators, so it holds beyond 2^31 leaves.
 */

export const HASH_BYTES = 32;
const HEX_HASH = /^[0-9a-f]{64}$/;

/** One-shot crypto.hash (Node >= 20.12) is about twice as fast as createHash for 33 to 65 bytes. */
const oneShot: ((data: Uint8Array) => Buffer) | null =
  typeof crypto.hash === 'function' ? (data) => crypto.hash('sha256', data, 'buffer') : null;

function sha256Of(data: Uint8Array): Buffer {
  return oneShot ? oneShot(data) : crypto.createHash('sha256').update(data).digest();
}

export function sha256(...parts: Uint8Array[]): Buffer {
  return sha256Of(parts.length === 1 ? parts[0] : Buffer.concat(parts));
}

/** A 64-character lower-case hex hash as 32 bytes; throws on anything else. */
export function hashFromHex(hex: string, what = 'hash'): Buffer {
  if (typeof hex !== 'string' || !HEX_HASH.test(hex)) {
    throw new TypeError(
      `${what} must be 64 lower-case hex characters (a SHA-256 hash), got ${JSON.stringify(hex)}`,
    );
  }
  return Buffer.from(hex, 'hex');
}

export function isHexHash(value: unknown): value is string {
  return typeof value === 'string' && HEX_HASH.test(value);
}

export function toHex(hash: Uint8Array): string {
  return Buffer.from(hash.buffer, hash.byteOffset, hash.byteLength).toString('hex');
}

/** SHA-256(0x00 || leaf input). The ledger's leaf input is the 32 bytes of the event hash. */
export function leafHash(eventHash: string | Uint8Array): Buffer {
  const input = Buffer.allocUnsafe(1 + HASH_BYTES);
  input[0] = 0x00;
  if (typeof eventHash === 'string') {
    if (eventHash.length !== 2 * HASH_BYTES || input.write(eventHash, 1, 'hex') !== HASH_BYTES)
      hashFromHex(eventHash, 'event hash');
  } else {
    if (eventHash.length !== HASH_BYTES)
      throw new TypeError(`A leaf input is ${HASH_BYTES} bytes, got ${eventHash.length}`);
    input.set(eventHash, 1);
  }
  return sha256Of(input);
}

/** SHA-256(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  const input = Buffer.allocUnsafe(1 + left.length + right.length);
  input[0] = 0x01;
  input.set(left, 1);
  input.set(right, 1 + left.length);
  return sha256Of(input);
}

/** MTH({}) = SHA-256 of the empty string. */
export const EMPTY_ROOT: Buffer = sha256();

export function isSafeSize(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

function isOdd(n: number): boolean {
  return n % 2 === 1;
}

function half(n: number): number {
  return Math.floor(n / 2);
}

/** The largest power of two strictly smaller than n (n >= 2): RFC 9162's split point k. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export function isPowerOfTwo(n: number): boolean {
  if (n < 1) return false;
  while (n % 2 === 0) n /= 2;
  return n === 1;
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

function decodeProof(proof: readonly string[]): Buffer[] | null {
  if (!Array.isArray(proof)) return null;
  const out: Buffer[] = [];
  for (const p of proof) {
    if (!isHexHash(p)) return null;
    out.push(Buffer.from(p, 'hex'));
  }
  return out;
}

/**
 * RFC 9162 §2.1.3.2, steps 1 to 4: the root an inclusion proof leads to, or null when the proof
 * has the wrong shape for (leafIndex, treeSize). The caller compares it with a trusted root.
 */
export function rootFromInclusionProofBytes(
  leafIndex: number,
  treeSize: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
): Buffer | null {
  if (!isSafeSize(leafIndex) || !isSafeSize(treeSize) || leafIndex >= treeSize) return null;
  if (leaf.length !== HASH_BYTES) return null;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r: Buffer = Buffer.from(leaf);
  for (const p of proof) {
    if (p.length !== HASH_BYTES) return null;
    if (sn === 0) return null;
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? r : null;
}

/** Hex form of {@link rootFromInclusionProofBytes}: the leaf hash (not the event hash) and the path. */
export function rootFromInclusionProof(
  leafIndex: number,
  treeSize: number,
  leafHashHex: string,
  proof: readonly string[],
): string | null {
  if (!isHexHash(leafHashHex)) return null;
  const path = decodeProof(proof);
  if (!path) return null;
  const root = rootFromInclusionProofBytes(leafIndex, treeSize, Buffer.from(leafHashHex, 'hex'), path);
  return root ? root.toString('hex') : null;
}

/** RFC 9162 §2.1.3.2: does `proof` show the leaf hash at `leafIndex` in the tree of `treeSize` with `root`? */
export function verifyInclusionBytes(
  leafIndex: number,
  treeSize: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  const computed = rootFromInclusionProofBytes(leafIndex, treeSize, leaf, proof);
  return computed !== null && equal(computed, root);
}

export function verifyInclusion(
  leafIndex: number,
  treeSize: number,
  leafHashHex: string,
  proof: readonly string[],
  rootHex: string,
): boolean {
  if (!isHexHash(rootHex)) return false;
  return rootFromInclusionProof(leafIndex, treeSize, leafHashHex, proof) === rootHex;
}

/**
 * RFC 9162 §2.1.4.2 for 0 < first < second. Two cases the RFC leaves out are settled here:
 * first === second holds with an empty proof and equal roots; first === 0 (the empty tree is a
 * prefix of every tree) holds with an empty proof.
 */
export function verifyConsistencyBytes(
  first: number,
  second: number,
  firstRoot: Uint8Array,
  secondRoot: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!isSafeSize(first) || !isSafeSize(second) || first > second) return false;
  if (firstRoot.length !== HASH_BYTES || secondRoot.length !== HASH_BYTES) return false;
  if (proof.some((p) => p.length !== HASH_BYTES)) return false;
  if (first === 0) {
    return (
      proof.length === 0 && equal(firstRoot, EMPTY_ROOT) && (second > 0 || equal(secondRoot, EMPTY_ROOT))
    );
  }
  if (first === second) return proof.length === 0 && equal(firstRoot, secondRoot);
  // 1. An empty path cannot prove anything between two different sizes.
  if (proof.length === 0) return false;
  // 2. When first is a power of two, its root is the first node of the path.
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : [...proof];
  // 3.
  let fn = first - 1;
  let sn = second - 1;
  // 4.
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  // 5.
  let fr: Buffer = Buffer.from(path[0]);
  let sr: Buffer = Buffer.from(path[0]);
  // 6.
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  // 7.
  return sn === 0 && equal(fr, firstRoot) && equal(sr, secondRoot);
}

export function verifyConsistency(
  first: number,
  second: number,
  firstRootHex: string,
  secondRootHex: string,
  proof: readonly string[],
): boolean {
  if (!isHexHash(firstRootHex) || !isHexHash(secondRootHex)) return false;
  const path = decodeProof(proof);
  if (!path) return false;
  return verifyConsistencyBytes(
    first,
    second,
    Buffer.from(firstRootHex, 'hex'),
    Buffer.from(secondRootHex, 'hex'),
    path,
  );
}
