import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { MemoryNodeStore, MerkleFrontier, MerkleLog, MissingNode, TreeSizeOutOfRange } from './merkle-log';
import {
  EMPTY_ROOT,
  leafHash,
  rootFromInclusionProof,
  toHex,
  verifyConsistency,
  verifyInclusion,
} from './rfc9162';

/*
 * A reference written straight from the recursive definitions of RFC 9162 §2.1.1 (MTH),
 * §2.1.3.1 (PATH) and §2.1.4.1 (PROOF / SUBPROOF), over lists of leaf inputs, sharing no code
 * with the implementation (not even the hashing). MTH is memoised by range only to keep
 * 1..1000 fast; the recursion is the RFC's.
 */
const ref = (() => {
  const sha = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
  const k = (n: number) => {
    // the largest power of two smaller than n
    let p = 1;
    while (p < n) p <<= 1;
    return p >> 1;
  };
  const memo = new Map<string, Buffer>();
  function MTH(D: Buffer[], from: number, to: number): Buffer {
    const key = `${from}:${to}`;
    const hit = memo.get(key);
    if (hit) return hit;
    const n = to - from;
    let out: Buffer;
    if (n === 0) out = sha();
    else if (n === 1) out = sha(Buffer.from([0]), D[from]);
    else out = sha(Buffer.from([1]), MTH(D, from, from + k(n)), MTH(D, from + k(n), to));
    memo.set(key, out);
    return out;
  }
  function PATH(m: number, D: Buffer[], from: number, to: number): Buffer[] {
    const n = to - from;
    if (n === 1) return [];
    const split = k(n);
    if (m < split) return [...PATH(m, D, from, from + split), MTH(D, from + split, to)];
    return [...PATH(m - split, D, from + split, to), MTH(D, from, from + split)];
  }
  function SUBPROOF(m: number, D: Buffer[], from: number, to: number, b: boolean): Buffer[] {
    const n = to - from;
    if (m === n) return b ? [] : [MTH(D, from, to)];
    const split = k(n);
    if (m <= split) return [...SUBPROOF(m, D, from, from + split, b), MTH(D, from + split, to)];
    return [...SUBPROOF(m - split, D, from + split, to, false), MTH(D, from, from + split)];
  }
  return {
    root: (D: Buffer[], n: number) => MTH(D, 0, n).toString('hex'),
    path: (D: Buffer[], m: number, n: number) => PATH(m, D, 0, n).map((h) => h.toString('hex')),
    proof: (D: Buffer[], m: number, n: number) => SUBPROOF(m, D, 0, n, true).map((h) => h.toString('hex')),
  };
})();

const N = 1000;
/** Leaf inputs: 32-byte "event hashes". */
const inputs = Array.from({ length: N }, (_, i) => createHash('sha256').update(`event ${i}`).digest());
const inputHex = inputs.map((b) => b.toString('hex'));

function buildLog(count = N): MerkleLog {
  const log = new MerkleLog(new MemoryNodeStore());
  // Uneven batch sizes, so siblings come from within a batch and from the right edge kept between them.
  let i = 0;
  let batch = 1;
  while (i < count) {
    log.appendEventHashes(inputHex.slice(i, Math.min(count, i + batch)));
    i += batch;
    batch = (batch % 7) + 1;
  }
  return log;
}

const hex = (list: Uint8Array[]) => list.map(toHex);
const leafHex = (i: number) => toHex(leafHash(inputHex[i]));

/** Deterministic sample of leaves for a tree of size n: all of them up to 64, else ends, middle and 6 spread. */
function sampleLeaves(n: number): number[] {
  if (n <= 64) return Array.from({ length: n }, (_, i) => i);
  const picks = new Set([0, 1, n - 2, n - 1, Math.floor(n / 2)]);
  for (let j = 1; j <= 6; j += 1) picks.add(Math.floor((n * j) / 7));
  for (let j = 0; j < 4; j += 1) picks.add((n * 31 + j * 977) % n);
  return [...picks];
}

describe('MerkleLog against the RFC 9162 recursive definitions', () => {
  const log = buildLog();

  it('stores two nodes per leaf on average, and nothing else', () => {
    let nodes = 0;
    for (let level = 0; level < 12; level += 1) {
      for (let i = 0; log.store.get(level, i); i += 1) nodes += 1;
    }
    expect(nodes).toBe(2 * N - 6); // 2n - popcount(n); popcount(1000) = 6
  });

  it('gives the root of every tree size 1..1000', () => {
    for (let n = 1; n <= N; n += 1) expect(toHex(log.root(n))).toBe(ref.root(inputs, n));
    expect(toHex(log.root(0))).toBe(toHex(EMPTY_ROOT));
    expect(toHex(EMPTY_ROOT)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('gives the inclusion proof of every sampled leaf in every tree size 1..1000, and each verifies', () => {
    // Plain comparisons in the loop (expect() per item would dominate the run time).
    let checked = 0;
    const wrong: string[] = [];
    for (let n = 1; n <= N; n += 1) {
      const root = ref.root(inputs, n);
      for (const m of sampleLeaves(n)) {
        const leaf = leafHex(m);
        const proof = hex(log.inclusionProof(m, n));
        if (proof.join() !== ref.path(inputs, m, n).join()) wrong.push(`path ${m}/${n}`);
        if (!verifyInclusion(m, n, leaf, proof, root)) wrong.push(`verify ${m}/${n}`);
        if (n <= 64 && rootFromInclusionProof(m, n, leaf, proof) !== root) wrong.push(`root ${m}/${n}`);
        checked += 1;
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(10_000);
  });

  it('gives the consistency proof from every size m to every later size n up to 64, and each verifies', () => {
    let checked = 0;
    const wrong: string[] = [];
    for (let n = 1; n <= 64; n += 1) {
      for (let m = 1; m <= n; m += 1) {
        const proof = hex(log.consistencyProof(m, n));
        if (proof.join() !== (m === n ? '' : ref.proof(inputs, m, n).join())) wrong.push(`proof ${m}->${n}`);
        if (!verifyConsistency(m, n, ref.root(inputs, m), ref.root(inputs, n), proof))
          wrong.push(`verify ${m}->${n}`);
        if (m < n) {
          if (verifyConsistency(m, n, ref.root(inputs, m + 1), ref.root(inputs, n), proof))
            wrong.push(`wrong first root ${m}->${n}`);
          if (verifyConsistency(m, n, ref.root(inputs, m), ref.root(inputs, n - 1), proof))
            wrong.push(`wrong second root ${m}->${n}`);
        }
        checked += 1;
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBe((64 * 65) / 2);
    // Larger sizes, sampled.
    for (const [m, n] of [
      [1, 1000],
      [500, 1000],
      [511, 512],
      [512, 513],
      [999, 1000],
      [377, 610],
      [64, 1000],
    ]) {
      const proof = hex(log.consistencyProof(m, n));
      expect(proof).toEqual(ref.proof(inputs, m, n));
      expect(verifyConsistency(m, n, ref.root(inputs, m), ref.root(inputs, n), proof)).toBe(true);
    }
  });

  it('settles the cases RFC 9162 leaves out: from the empty tree, and equal sizes', () => {
    const root5 = ref.root(inputs, 5);
    expect(log.consistencyProof(0, 5)).toEqual([]);
    expect(verifyConsistency(0, 5, toHex(EMPTY_ROOT), root5, [])).toBe(true);
    expect(verifyConsistency(0, 5, root5, root5, [])).toBe(false);
    expect(verifyConsistency(5, 5, root5, root5, [])).toBe(true);
    expect(verifyConsistency(5, 5, root5, root5, [root5])).toBe(false);
    expect(verifyConsistency(6, 5, root5, root5, [])).toBe(false);
  });

  it('matches the RFC 6962 known-answer roots', () => {
    // The eight leaves of the certificate-transparency test vectors, as raw leaf inputs.
    const data = [
      '',
      '00',
      '10',
      '2021',
      '3031',
      '40414243',
      '5051525354555657',
      '606162636465666768696a6b6c6d6e6f',
    ];
    const roots = [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
      'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
      '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
      '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
      'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
      '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
    ];
    const kat = new MerkleLog(new MemoryNodeStore());
    kat.appendMany(
      data.map((d) =>
        createHash('sha256')
          .update(Buffer.from([0]))
          .update(Buffer.from(d, 'hex'))
          .digest(),
      ),
    );
    expect(roots.map((_, i) => toHex(kat.root(i + 1)))).toEqual(roots);
  });

  /** A log over a store in memory that counts the nodes read from it. */
  function countingLog() {
    const store = new MemoryNodeStore();
    const counted = { reads: 0 };
    const log = new MerkleLog({
      size: () => store.size(),
      get: (level, index) => {
        counted.reads += 1;
        return store.get(level, index);
      },
      put: (level, index, hash) => store.put(level, index, hash),
    });
    return { log, counted };
  }

  it('reads O(log n) nodes per root and proof', () => {
    const { log: counting, counted } = countingLog();
    counting.appendEventHashes(inputHex);
    for (const [m, n] of [
      [0, 1000],
      [777, 999],
      [3, 1000],
      [999, 1000],
    ]) {
      counted.reads = 0;
      counting.inclusionProof(m, n);
      expect(counted.reads).toBeLessThanOrEqual(2 * 10 + 2);
      counted.reads = 0;
      counting.consistencyProof(m + 1 === n ? m : m + 1, n);
      expect(counted.reads).toBeLessThanOrEqual(2 * 10 + 2);
      counted.reads = 0;
      counting.root(n);
      expect(counted.reads).toBeLessThanOrEqual(10);
    }
  });

  it('an append reads back no node: siblings written in the same call, or kept on the right edge', () => {
    // Bug (fixed): the last node of each level was replaced by the one just written before its
    // left sibling was looked up, so every climb read its sibling back from the store: one
    // read per leaf, a quarter of the Merkle hook's time in appends of 100 events.
    const { log: counting, counted } = countingLog();
    counting.appendEventHashes(inputHex.slice(0, 256));
    expect(counted.reads).toBe(0);
    // Later appends start from the kept right edge (256 + 45 + 1 + 7 leaves: edges of 1 to 4 nodes).
    for (const [from, to] of [
      [256, 301],
      [301, 302],
      [302, 309],
    ]) {
      counting.appendEventHashes(inputHex.slice(from, to));
      expect(counted.reads).toBe(0);
    }
    expect(toHex(counting.root())).toBe(ref.root(inputs, 309));
    counted.reads = 0; // the root read the edge's five nodes
    // Once forgotten (a rollback), the edge is read back once: one read per node on it.
    counting.forgetRightEdge();
    // Leaf 309 reads its sibling, leaf 308; the edge of 310 (256 + 32 + 16 + 4 + 2) reads the
    // four nodes the climb did not write.
    counting.appendEventHashes(inputHex.slice(309, 310));
    expect(counted.reads).toBe(5);
    expect(toHex(counting.root())).toBe(ref.root(inputs, 310));
  });

  it('refuses sizes beyond the log and reports missing nodes', () => {
    const small = buildLog(10);
    expect(() => small.root(11)).toThrow(TreeSizeOutOfRange);
    expect(() => small.inclusionProof(10, 10)).toThrow(TreeSizeOutOfRange);
    expect(() => small.consistencyProof(11, 10)).toThrow(TreeSizeOutOfRange);
    const holey = new MerkleLog({
      size: () => 4,
      get: (level, index) => (level === 1 && index === 0 ? undefined : Buffer.alloc(32)),
      put: () => {},
    });
    expect(() => holey.root(3)).toThrow(MissingNode);
  });

  it('MerkleFrontier rebuilds the same roots and nodes while streaming', () => {
    const nodes: string[] = [];
    const frontier = new MerkleFrontier((level, index, hash) =>
      nodes.push(`${level}/${index}/${toHex(hash)}`),
    );
    for (let i = 0; i < 300; i += 1) {
      frontier.push(leafHash(inputHex[i]));
      expect(toHex(frontier.root())).toBe(ref.root(inputs, i + 1));
    }
    const stored: string[] = [];
    for (let level = 0; level < 10; level += 1) {
      for (let i = 0; log.store.get(level, i) && (i + 1) * 2 ** level <= 300; i += 1)
        stored.push(`${level}/${i}/${toHex(log.store.get(level, i)!)}`);
    }
    expect(nodes.sort()).toEqual(stored.sort());
  });
});

describe('RFC 9162 verifiers reject altered proofs (properties)', () => {
  const log = buildLog(300);
  const roots = Array.from({ length: 301 }, (_, n) => toHex(log.root(n)));
  const flip = (h: string, byte: number) => {
    const b = Buffer.from(h, 'hex');
    b[byte % 32] ^= 1 << (byte % 8);
    return b.toString('hex');
  };

  it('inclusion: any change to the path, leaf, index or root fails', () => {
    const tree = fc.integer({ min: 1, max: 300 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        m: fc.integer({ min: 0, max: n - 1 }),
        other: fc.integer({ min: 0, max: n - 1 }),
      }),
    );
    fc.assert(
      fc.property(
        tree,
        fc.nat(),
        fc.nat(),
        fc.constantFrom('flip', 'drop', 'add', 'root', 'leaf', 'index'),
        ({ n, m, other }, j, byte, how) => {
          const proof = hex(log.inclusionProof(m, n));
          expect(verifyInclusion(m, n, leafHex(m), proof, roots[n])).toBe(true);
          let [index, leaf, root, path] = [m, leafHex(m), roots[n], [...proof]];
          switch (how) {
            case 'flip':
              if (path.length === 0) return;
              path[j % path.length] = flip(path[j % path.length], byte);
              break;
            case 'drop':
              if (path.length === 0) return;
              path.splice(j % path.length, 1);
              break;
            case 'add':
              path.splice(j % (path.length + 1), 0, leafHex(j % 300));
              break;
            case 'root':
              root = flip(root, byte);
              break;
            case 'leaf':
              leaf = flip(leaf, byte);
              break;
            case 'index':
              if (other === m) return;
              index = other;
              break;
          }
          expect(verifyInclusion(index, n, leaf, path, root)).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('consistency: any change to the path or either root fails', () => {
    const sizes = fc
      .integer({ min: 2, max: 300 })
      .chain((n) => fc.record({ n: fc.constant(n), m: fc.integer({ min: 1, max: n - 1 }) }));
    fc.assert(
      fc.property(
        sizes,
        fc.nat(),
        fc.nat(),
        fc.constantFrom('flip', 'drop', 'add', 'first', 'second', 'swap'),
        ({ n, m }, j, byte, how) => {
          const proof = hex(log.consistencyProof(m, n));
          expect(verifyConsistency(m, n, roots[m], roots[n], proof)).toBe(true);
          let [first, second, path] = [roots[m], roots[n], [...proof]];
          switch (how) {
            case 'flip':
              path[j % path.length] = flip(path[j % path.length], byte);
              break;
            case 'drop':
              path.splice(j % path.length, 1);
              break;
            case 'add':
              path.splice(j % (path.length + 1), 0, leafHex(j % 300));
              break;
            case 'first':
              first = flip(first, byte);
              break;
            case 'second':
              second = flip(second, byte);
              break;
            case 'swap':
              [first, second] = [second, first];
              break;
          }
          expect(verifyConsistency(m, n, first, second, path)).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('rejects malformed input instead of throwing', () => {
    expect(verifyInclusion(0, 1, 'zz', [], roots[1])).toBe(false);
    expect(verifyInclusion(-1, 1, leafHex(0), [], roots[1])).toBe(false);
    expect(verifyInclusion(0, 1, leafHex(0), ['abc'], roots[1])).toBe(false);
    expect(verifyConsistency(1, 2, roots[1], roots[2], ['not hex'])).toBe(false);
    expect(verifyConsistency(1.5, 2, roots[1], roots[2], [])).toBe(false);
  });
});
