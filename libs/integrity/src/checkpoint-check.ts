import { verifyCheckpointSignature, type Checkpoint, type PublicKeyInput } from './checkpoint';
import { toHex, verifyConsistency } from './merkle/rfc9162';
import type { TreeHead } from './proofs';
import type { SqliteMerkleLog } from './sqlite/sqlite-merkle-log';
import type { CheckpointResult, Problem } from './verify-ledger.types';

/** What a checkpoint is checked against: the tree rebuilt from the events, and the stored one. */
export interface CheckpointContext {
  /** The tree rebuilt from the recomputed event hashes, and the stored tree's size. */
  tree: TreeHead;
  storedSize: number;
  /** The rebuilt roots kept at the sizes of interest, with the last position each covers. */
  rootsAt: ReadonlyMap<number, { root: string; lastPosition: number }>;
  /** The stored tree, to prove it consistent with the checkpoint; null where none is read (PostgreSQL). */
  stored: Pick<SqliteMerkleLog, 'tree'> | null;
  /** All the checkpoints given: an earlier one that holds narrows down where history was rewritten. */
  checkpoints: ReadonlyArray<Checkpoint | TreeHead>;
  publicKey?: PublicKeyInput;
  report(problem: Problem): void;
}

/**
 * One checkpoint against the ledger: its signature (when a public key is given), its root
 * against the rebuilt tree at its size, and the stored tree's consistency proof from it to now.
 */
export function checkCheckpoint(cp: Checkpoint | TreeHead, ctx: CheckpointContext): CheckpointResult {
  const timestamp = 'timestamp' in cp ? cp.timestamp : undefined;
  const label = `The checkpoint of ${cp.treeSize} leaves${timestamp ? ` (${timestamp})` : ''}`;
  const result: CheckpointResult = {
    treeSize: cp.treeSize,
    rootHash: cp.rootHash,
    timestamp,
    signature: checkSignature(cp, label, ctx),
    rootMatches: null,
    consistencyProof: 'not-available',
  };
  if (cp.treeSize > ctx.tree.treeSize) {
    ctx.report({
      code: 'checkpoint-beyond-ledger',
      treeSize: cp.treeSize,
      message: `${label} covers more events than the ledger holds (${ctx.tree.treeSize}): events were removed`,
    });
    return result;
  }
  result.rootMatches = checkRoot(cp, label, ctx);
  result.consistencyProof = checkConsistency(cp, label, ctx);
  return result;
}

/** The checkpoint's Ed25519 signature, when a public key is given. */
function checkSignature(
  cp: Checkpoint | TreeHead,
  label: string,
  ctx: CheckpointContext,
): CheckpointResult['signature'] {
  if (ctx.publicKey === undefined) return 'not-checked';
  if (!('signature' in cp) || !cp.signature) {
    ctx.report({
      code: 'checkpoint-signature-invalid',
      treeSize: cp.treeSize,
      message: `${label} is not signed`,
    });
    return 'absent';
  }
  const sig = verifyCheckpointSignature(cp, ctx.publicKey);
  if (!sig.ok)
    ctx.report({
      code: 'checkpoint-signature-invalid',
      treeSize: cp.treeSize,
      message: `${label}: ${sig.reason}`,
    });
  return sig.ok ? 'valid' : 'invalid';
}

/** The checkpoint's root against the rebuilt tree at its size; when not, where the rewrite lies (after the last checkpoint that holds). */
function checkRoot(cp: Checkpoint | TreeHead, label: string, ctx: CheckpointContext): boolean {
  const rebuilt = ctx.rootsAt.get(cp.treeSize)!;
  if (rebuilt.root === cp.rootHash) return true;
  const earlier = ctx.checkpoints
    .filter((o) => o.treeSize < cp.treeSize && ctx.rootsAt.get(o.treeSize)?.root === o.rootHash)
    .reduce((best, o) => Math.max(best, o.treeSize), 0);
  const from = earlier === 0 ? 1 : (ctx.rootsAt.get(earlier)?.lastPosition ?? 0) + 1;
  ctx.report({
    code: 'checkpoint-root-mismatch',
    treeSize: cp.treeSize,
    positions: { from, to: rebuilt.lastPosition },
    message:
      `${label} has root ${cp.rootHash}, the events now give ${rebuilt.root}: the history it covers was rewritten, ` +
      `somewhere in leaves ${earlier}..${cp.treeSize - 1} (positions ${from}..${rebuilt.lastPosition})` +
      (earlier > 0 ? `; the checkpoint of ${earlier} leaves still holds` : ''),
  });
  return false;
}

/** The stored tree's proof from the checkpoint to the current (rebuilt) root. */
function checkConsistency(
  cp: Checkpoint | TreeHead,
  label: string,
  ctx: CheckpointContext,
): CheckpointResult['consistencyProof'] {
  const { tree, storedSize, stored } = ctx;
  const current = Math.min(storedSize, tree.treeSize);
  const currentRoot = current === tree.treeSize ? tree.rootHash : ctx.rootsAt.get(current)?.root;
  if (!stored || cp.treeSize > current || currentRoot === undefined) return 'not-available';
  try {
    const proof = stored.tree.consistencyProof(cp.treeSize, current).map(toHex);
    if (verifyConsistency(cp.treeSize, current, cp.rootHash, currentRoot, proof)) return 'valid';
    ctx.report({
      code: 'consistency-proof-invalid',
      treeSize: cp.treeSize,
      message: `${label}: the stored tree cannot prove it is a prefix of the current tree of ${current} leaves`,
    });
    return 'invalid';
  } catch (error) {
    ctx.report({
      code: 'consistency-proof-invalid',
      treeSize: cp.treeSize,
      message: `No consistency proof: ${(error as Error).message}`,
    });
    return 'invalid';
  }
}
