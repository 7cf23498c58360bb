import { EMPTY_ROOT, leafHash, nodeHash, splitPoint } from './rfc9162';

/**
 * An append-only RFC 9162 Merkle tree over a storage of complete subtrees.
 *
 * Node (level, index) is the hash of the perfect subtree of 2^level leaves that starts at leaf
 * index * 2^level; level 0 holds the leaf hashes. A node is stored once it is complete, and never
 * changes after, since leaves are only appended. Appending a leaf writes the leaf and each
 * perfect subtree it completes: two writes per leaf on average.
 *
 * Every subtree RFC 9162 needs for a tree of size n (any n up to the current size) is either
 * perfect, hence stored, or the right edge of the tree, which is a fold of at most log2(n)
 * perfect subtrees. Root, inclusion and consistency proofs thus read O(log n) nodes.
 */
export interface NodeStore {
  /** The number of leaves stored (the number of level-0 nodes). */
  size(): number;
  /** The hash of complete subtree (level, index), or undefined when not stored. */
  get(level: number, index: number): Uint8Array | undefined;
  /** Stores the hash of complete subtree (level, index); level 0 index size() appends a leaf. */
  put(level: number, index: number, hash: Uint8Array): void;
}

export class MissingNode extends Error {
  constructor(
    readonly level: number,
    readonly index: number,
  ) {
    super(
      `Merkle node (level ${level}, index ${index}) is missing from the node store: the store is incomplete or damaged`,
    );
    this.name = 'MissingNode';
  }
}

export class TreeSizeOutOfRange extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TreeSizeOutOfRange';
  }
}

/** Level of a power of two p: log2(p). */
function levelOf(p: number): number {
  let level = 0;
  while (p > 1) {
    p /= 2;
    level += 1;
  }
  return level;
}

function largestPowerOfTwoAtMost(n: number): number {
  let p = 1;
  while (p * 2 <= n) p *= 2;
  return p;
}

export class MerkleLog {
  constructor(readonly store: NodeStore) {}

  /**
   * The perfect subtrees that make up the tree of `size` leaves (one per set bit of the size, by
   * level): the left siblings of every climb the next appends make. Kept after each append so
   * that a commit does not read them back; trusted only while the size is the one it was kept
   * for, and dropped by forgetRightEdge() when the writes that made it are rolled back.
   */
  private edge?: { size: number; nodes: Array<Uint8Array | undefined> };

  get size(): number {
    return this.store.size();
  }

  /** The tree size whose right edge is kept in memory, if any. */
  get keptEdgeSize(): number | undefined {
    return this.edge?.size;
  }

  /** The nodes last appended were rolled back (or the store changed beneath): read them again. */
  forgetRightEdge(): void {
    this.edge = undefined;
  }

  /** Appends one leaf (its leaf hash, not the event hash); returns its leaf index. */
  append(leaf: Uint8Array): number {
    return this.appendMany([leaf]);
  }

  /**
   * Appends leaf hashes in order; returns the index of the first. A caller that has just read
   * the size may pass it as `currentSize` to spare the store a read.
   */
  appendMany(leaves: Iterable<Uint8Array>, currentSize?: number): number {
    const first = currentSize ?? this.store.size();
    let n = first;
    // The last node at each level, written by this call or on the kept right edge: the left
    // sibling of the next node at that level, so no node is read back from the store.
    const recent: Array<{ index: number; hash: Uint8Array } | undefined> = [];
    if (this.edge?.size === first)
      this.edge.nodes.forEach((hash, level) => {
        if (hash) recent[level] = { index: Math.floor(first / 2 ** level) - 1, hash };
      });
    this.edge = undefined; // until this call has written every node (a throw leaves none kept)
    for (const leaf of leaves) {
      let level = 0;
      let index = n;
      let hash = leaf;
      for (;;) {
        // Read before this node replaces it as the level's last.
        const left = index % 2 === 1 ? this.leftSibling(recent[level], level, index) : undefined;
        this.store.put(level, index, hash);
        recent[level] = { index, hash };
        if (left === undefined) break;
        hash = nodeHash(left, hash);
        level += 1;
        index = (index - 1) / 2;
      }
      n += 1;
    }
    this.edge = { size: n, nodes: this.rightEdge(n, recent) };
    return first;
  }

  private leftSibling(
    last: { index: number; hash: Uint8Array } | undefined,
    level: number,
    index: number,
  ): Uint8Array {
    return last && last.index === index - 1 ? last.hash : this.node(level, index - 1);
  }

  /** The perfect subtrees of a tree of `size` leaves, from the last nodes seen at each level. */
  private rightEdge(
    size: number,
    recent: Array<{ index: number; hash: Uint8Array } | undefined>,
  ): Array<Uint8Array | undefined> {
    const nodes: Array<Uint8Array | undefined> = [];
    for (let level = 0; 2 ** level <= size; level += 1) {
      if (Math.floor(size / 2 ** level) % 2 === 0) continue;
      const index = Math.floor(size / 2 ** level) - 1;
      const last = recent[level];
      nodes[level] = last && last.index === index ? last.hash : this.node(level, index);
    }
    return nodes;
  }

  /** Appends the leaves of these event hashes (hex); returns the index of the first. */
  appendEventHashes(eventHashes: Iterable<string>): number {
    const leaves: Buffer[] = [];
    for (const h of eventHashes) leaves.push(leafHash(h));
    return this.appendMany(leaves);
  }

  leafHash(index: number): Uint8Array {
    this.checkSize(index + 1, 'leaf index + 1');
    return this.node(0, index);
  }

  /** MTH of the first `size` leaves (default: all), for any size up to the current one. */
  root(size: number = this.size): Buffer {
    this.checkSize(size, 'tree size');
    return size === 0 ? Buffer.from(EMPTY_ROOT) : Buffer.from(this.subtreeHash(0, size));
  }

  /** RFC 9162 §2.1.3.1 PATH(leafIndex, D[treeSize]), leaf to root. */
  inclusionProof(leafIndex: number, treeSize: number = this.size): Uint8Array[] {
    this.checkSize(treeSize, 'tree size');
    if (!Number.isSafeInteger(leafIndex) || leafIndex < 0 || leafIndex >= treeSize) {
      throw new TreeSizeOutOfRange(`Leaf index ${leafIndex} is not in a tree of ${treeSize} leaves`);
    }
    const path: Uint8Array[] = [];
    let start = 0;
    let size = treeSize;
    let m = leafIndex;
    while (size > 1) {
      const k = splitPoint(size);
      if (m < k) {
        path.push(this.subtreeHash(start + k, size - k));
        size = k;
      } else {
        path.push(this.subtreeHash(start, k));
        start += k;
        m -= k;
        size -= k;
      }
    }
    return path.reverse();
  }

  /** RFC 9162 §2.1.4.1 PROOF(m, D[n]); empty when m is 0 or m equals n. */
  consistencyProof(m: number, n: number = this.size): Uint8Array[] {
    this.checkSize(n, 'second tree size');
    if (!Number.isSafeInteger(m) || m < 0 || m > n) {
      throw new TreeSizeOutOfRange(`First tree size ${m} is not between 0 and the second tree size ${n}`);
    }
    if (m === 0 || m === n) return [];
    const proof: Uint8Array[] = [];
    let start = 0;
    let size = n;
    let first = m;
    let whole = true; // SUBPROOF's b: the subtree is the whole first tree so far
    while (first !== size) {
      const k = splitPoint(size);
      if (first <= k) {
        proof.push(this.subtreeHash(start + k, size - k));
        size = k;
      } else {
        proof.push(this.subtreeHash(start, k));
        start += k;
        first -= k;
        size -= k;
        whole = false;
      }
    }
    if (!whole) proof.push(this.subtreeHash(start, size));
    return proof.reverse();
  }

  /**
   * MTH(D[start:start+count]) for a subtree that RFC 9162's recursion produces: `start` is a
   * multiple of a power of two at least `count`. It splits into perfect, stored subtrees of
   * decreasing size, folded from the right.
   */
  private subtreeHash(start: number, count: number): Uint8Array {
    const parts: Uint8Array[] = [];
    let s = start;
    let remaining = count;
    while (remaining > 0) {
      const p = largestPowerOfTwoAtMost(remaining);
      if (s % p !== 0) throw new Error(`Internal error: subtree [${start}, ${start + count}) is not aligned`);
      parts.push(this.node(levelOf(p), s / p));
      s += p;
      remaining -= p;
    }
    let hash = parts.pop()!;
    while (parts.length > 0) hash = nodeHash(parts.pop()!, hash);
    return hash;
  }

  private node(level: number, index: number): Uint8Array {
    const hash = this.store.get(level, index);
    if (!hash) throw new MissingNode(level, index);
    return hash;
  }

  private checkSize(size: number, what: string): void {
    const current = this.size;
    if (!Number.isSafeInteger(size) || size < 0 || size > current) {
      throw new TreeSizeOutOfRange(`The ${what} ${size} is not between 0 and the log's size ${current}`);
    }
  }
}

/** NodeStore in memory: one array per level. */
export class MemoryNodeStore implements NodeStore {
  private readonly levels: Uint8Array[][] = [[]];

  size(): number {
    return this.levels[0].length;
  }

  get(level: number, index: number): Uint8Array | undefined {
    return this.levels[level]?.[index];
  }

  put(level: number, index: number, hash: Uint8Array): void {
    while (this.levels.length <= level) this.levels.push([]);
    const row = this.levels[level];
    if (index !== row.length) {
      throw new Error(
        `Merkle node (level ${level}, index ${index}) is out of order: the next at this level is ${row.length}`,
      );
    }
    row.push(Buffer.from(hash));
  }
}

/**
 * The tree rebuilt while streaming leaves, in O(log n) memory: the right edge of perfect subtrees.
 * Used to recompute a log from its leaves (the verifier) without storing the nodes; `onNode`
 * sees every complete subtree as it is finished, to compare with a stored tree.
 */
export class MerkleFrontier {
  private readonly edge: Array<{ level: number; hash: Buffer }> = [];
  private count = 0;

  constructor(private readonly onNode?: (level: number, index: number, hash: Buffer) => void) {}

  get size(): number {
    return this.count;
  }

  push(leaf: Uint8Array): void {
    const leafIndex = this.count;
    let cur: { level: number; hash: Buffer } = { level: 0, hash: Buffer.from(leaf) };
    this.onNode?.(0, leafIndex, cur.hash);
    let span = 1;
    while (this.edge.length > 0 && this.edge[this.edge.length - 1].level === cur.level) {
      const left = this.edge.pop()!;
      span *= 2;
      cur = { level: cur.level + 1, hash: nodeHash(left.hash, cur.hash) };
      this.onNode?.(cur.level, (leafIndex + 1) / span - 1, cur.hash);
    }
    this.edge.push(cur);
    this.count += 1;
  }

  root(): Buffer {
    if (this.edge.length === 0) return Buffer.from(EMPTY_ROOT);
    let hash = this.edge[this.edge.length - 1].hash;
    for (let i = this.edge.length - 2; i >= 0; i -= 1) hash = nodeHash(this.edge[i].hash, hash);
    return hash;
  }
}
