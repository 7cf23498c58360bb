import { eventHash, type StoredEvent } from '@ledger/event-store';
import {
  parseCheckpoint,
  verifyCheckpointSignature,
  type Checkpoint,
  type PublicKeyInput,
} from './checkpoint';
import {
  isHexHash,
  isSafeSize,
  leafHash,
  rootFromInclusionProof,
  toHex,
  verifyConsistency,
} from './merkle/rfc9162';
import type { ConsistencyProof, InclusionProof, Proof, TreeHead } from './proofs';

/**
 * Checks a proof against checkpoints, with nothing but the proof, the checkpoint(s) and
 * optionally the log's public key: what an outsider runs. See test/verifier/verify-proof.mjs for
 * the same in plain Node with no project code.
 */
export interface ProofCheck {
  ok: boolean;
  /** Why it failed, in words. */
  reason?: string;
}

export interface ProofCheckOptions {
  /** When given, every checkpoint used must carry a valid Ed25519 signature by this key. */
  publicKey?: PublicKeyInput;
}

const fail = (reason: string): ProofCheck => ({ ok: false, reason });

function checkHead(head: TreeHead | Checkpoint, what: string, options: ProofCheckOptions): ProofCheck | null {
  if (!isSafeSize(head.treeSize) || !isHexHash(head.rootHash))
    return fail(`The ${what} has no valid treeSize and rootHash`);
  if (options.publicKey !== undefined) {
    try {
      parseCheckpoint(head);
    } catch (error) {
      return fail(`The ${what} is not a checkpoint: ${(error as Error).message}`);
    }
    const sig = verifyCheckpointSignature(head, options.publicKey);
    if (!sig.ok) return fail(`The ${what}'s signature does not hold: ${sig.reason}`);
  }
  return null;
}

function checkPath(path: unknown): ProofCheck | null {
  if (!Array.isArray(path) || !path.every(isHexHash))
    return fail('The proof path must be an array of 64-character lower-case hex hashes');
  return null;
}

/** An inclusion proof against the checkpoint of the same tree size. */
export function verifyInclusionProof(
  proof: InclusionProof,
  checkpoint: TreeHead | Checkpoint,
  options: ProofCheckOptions & { event?: StoredEvent } = {},
): ProofCheck {
  if (proof?.type !== 'inclusion') return fail('Not an inclusion proof');
  const bad = checkHead(checkpoint, 'checkpoint', options) ?? checkPath(proof.path);
  if (bad) return bad;
  if (!isSafeSize(proof.leafIndex) || !isSafeSize(proof.treeSize))
    return fail('leafIndex and treeSize must be integers >= 0');
  if (proof.treeSize !== checkpoint.treeSize) {
    return fail(
      `The proof is for a tree of ${proof.treeSize} leaves, the checkpoint for ${checkpoint.treeSize}`,
    );
  }
  if (proof.leafIndex >= proof.treeSize)
    return fail(`Leaf ${proof.leafIndex} is outside a tree of ${proof.treeSize} leaves`);
  if (!isHexHash(proof.eventHash)) return fail('eventHash must be 64 lower-case hex characters');
  const event = options.event ?? proof.event;
  if (event) {
    const recomputed = eventHash(event);
    if (recomputed !== proof.eventHash) {
      return fail(
        `The event's fields hash to ${recomputed}, the proof is for ${proof.eventHash}: the event is not the one proven`,
      );
    }
  }
  const root = rootFromInclusionProof(
    proof.leafIndex,
    proof.treeSize,
    toHex(leafHash(proof.eventHash)),
    proof.path,
  );
  if (root === null)
    return fail(`The path has the wrong length for leaf ${proof.leafIndex} of ${proof.treeSize}`);
  if (root !== checkpoint.rootHash)
    return fail(`The path leads to root ${root}, the checkpoint's root is ${checkpoint.rootHash}`);
  return { ok: true };
}

/** A consistency proof between an older and a newer checkpoint (or trusted tree heads). */
export function verifyConsistencyProof(
  proof: ConsistencyProof,
  older: TreeHead | Checkpoint,
  newer: TreeHead | Checkpoint,
  options: ProofCheckOptions = {},
): ProofCheck {
  if (proof?.type !== 'consistency') return fail('Not a consistency proof');
  const bad =
    checkHead(older, 'older checkpoint', options) ??
    checkHead(newer, 'newer checkpoint', options) ??
    checkPath(proof.path);
  if (bad) return bad;
  if (proof.firstSize !== older.treeSize || proof.secondSize !== newer.treeSize) {
    return fail(
      `The proof is from ${proof.firstSize} to ${proof.secondSize} leaves, the checkpoints are of ${older.treeSize} and ${newer.treeSize}`,
    );
  }
  if (older.treeSize > newer.treeSize) return fail('The older checkpoint is larger than the newer one');
  if (!verifyConsistency(older.treeSize, newer.treeSize, older.rootHash, newer.rootHash, proof.path)) {
    return fail(
      `The tree of ${older.treeSize} leaves with root ${older.rootHash} is not a prefix of the tree of ${newer.treeSize} ` +
        `leaves with root ${newer.rootHash} according to this proof: the history was rewritten, or the proof is wrong`,
    );
  }
  return { ok: true };
}

/**
 * Either kind. A consistency proof needs the older checkpoint; without one, the root the proof
 * itself claims for the first size is used, which only shows the proof is well-formed.
 */
export function verifyProof(
  proof: Proof,
  checkpoint: TreeHead | Checkpoint,
  options: ProofCheckOptions & { olderCheckpoint?: TreeHead | Checkpoint; event?: StoredEvent } = {},
): ProofCheck {
  if (proof?.type === 'inclusion') return verifyInclusionProof(proof, checkpoint, options);
  if (proof?.type === 'consistency') {
    const older =
      options.olderCheckpoint ??
      (proof.firstRootHash ? { treeSize: proof.firstSize, rootHash: proof.firstRootHash } : undefined);
    if (!older) return fail("A consistency proof needs the older checkpoint (or the proof's firstRootHash)");
    const unsigned = { ...options, publicKey: undefined };
    const bad =
      checkHead(checkpoint, 'checkpoint', options) ??
      (options.olderCheckpoint ? checkHead(options.olderCheckpoint, 'older checkpoint', options) : null);
    return bad ?? verifyConsistencyProof(proof, older, checkpoint, unsigned);
  }
  return fail('Unknown proof type: expected "inclusion" or "consistency"');
}
