import { isHexHash, leafHash, sha256, toHex } from './merkle/rfc9162';
import type { EventRef, Problem } from './verify-ledger.types';

/**
 * The checks of a stored Merkle log against the tree rebuilt from the events, as pure functions
 * and one record of the nodes that differed: no database. Each verifier reads the stored nodes and
 * tree heads its own way (SQLite: verify-ledger.ts, PostgreSQL: postgres/verify-postgres-ledger.ts)
 * and hands them here, so that the same tampering is named with the same codes and positions
 * whichever store holds the ledger (as ledger-row-checks.ts does for the rows).
 */

/** Node mismatches remembered to tell damage from changed events; a rewrite far larger shows in its first ones. */
const MISMATCHES_KEPT = 100_000;

/** One changed leaf spoils every node above it: the first few mismatches are reported. */
const MISMATCHES_REPORTED = 3;

/**
 * The leaf of an event's recomputed hash. A hash that is not even hex (a damaged row) still takes
 * its place, so that the tree goes on and the events after it keep their leaf indexes.
 */
export function leafOf(hash: string): Buffer {
  return isHexHash(hash) ? leafHash(hash) : sha256(Buffer.from(`damaged:${String(hash)}`));
}

/**
 * Whether the stored node (level, index) is held to the rebuilt one: the nodes above the leaves
 * (the leaves are the events themselves) wholly inside the stored tree. Beyond it, the events are
 * not leaves yet, which is reported once, as `leaf-missing`, not node by node.
 */
export function isComparedNode(level: number, index: number, storedSize: number): boolean {
  return level >= 1 && (index + 1) * 2 ** level <= storedSize;
}

/** The stored nodes that differ from the rebuilt ones, and what they tell about where the fault lies. */
export class NodeMismatches {
  /** Every mismatch found, reported or not. */
  count = 0;
  /** The mismatched nodes as `level:index`, in the order found (at most MISMATCHES_KEPT). */
  private readonly found = new Set<string>();

  /**
   * A stored node (undefined when it is missing) against the rebuilt one: the problem to report,
   * or null when it matches or enough mismatches were reported already.
   */
  compare(
    level: number,
    index: number,
    stored: Uint8Array | undefined,
    rebuilt: Uint8Array,
    storedSize: number,
  ): Problem | null {
    if (stored && Buffer.compare(Buffer.from(stored), Buffer.from(rebuilt)) === 0) return null;
    this.count += 1;
    if (this.found.size < MISMATCHES_KEPT) this.found.add(`${level}:${index}`);
    if (this.count > MISMATCHES_REPORTED) return null;
    const span = 2 ** level;
    const leaves = `${index * span}..${(index + 1) * span - 1}`;
    return {
      code: 'node-mismatch',
      leafIndex: index * span,
      treeSize: storedSize,
      // No leaf is stored apart from its event: a mismatch narrows the fault to the node's events.
      positions: { from: index * span + 1, to: (index + 1) * span },
      message: stored
        ? `Stored Merkle node (level ${level}, index ${index}) over leaves ${leaves} is ${toHex(stored)}, rebuilt ${toHex(rebuilt)}`
        : `Stored Merkle node (level ${level}, index ${index}) over leaves ${leaves} is missing`,
    };
  }

  /**
   * Tells a damaged node from changed events. A damaged node disagrees with the rebuilt one alone:
   * the stored nodes above it were made from the right one, and still match. Events changed after
   * they were logged (hashes and chains recomputed, so each checks out alone) make the rebuilt
   * nodes differ all the way up, while the stored tree still agrees with itself: the lowest stored
   * node over them, every stored node above it and the stored root all differ. Returns the first
   * pair of leaves so changed, or null.
   *
   * `size`: the tree size both trees were compared at; `rootDiffers`: the stored root differs
   * from the rebuilt one there (without it, the damage stops below the root: it is the log's).
   */
  changedLeaves(
    size: number,
    rootDiffers: boolean,
  ): { leafIndex: number; positions: { from: number; to: number } } | null {
    if (!rootDiffers) return null;
    const ancestor = (index: number, level: number) => Math.floor(index / 2 ** (level - 1));
    for (const key of this.found) {
      const [level, index] = key.split(':').map(Number);
      if (level !== 1) continue;
      let up = 2;
      while (isComparedNode(up, ancestor(index, up), size) && this.found.has(`${up}:${ancestor(index, up)}`))
        up += 1;
      // A stored node above it matches: that node alone is damaged.
      if (isComparedNode(up, ancestor(index, up), size)) continue;
      return { leafIndex: index * 2, positions: { from: index * 2 + 1, to: index * 2 + 2 } };
    }
    return null;
  }
}

/** Events changed after the log recorded them (`NodeMismatches.changedLeaves`): restored, not rebuilt over. */
export function loggedEventChanged(
  changed: { leafIndex: number; positions: { from: number; to: number } },
  event: EventRef | undefined,
): Problem {
  const { from, to } = changed.positions;
  return {
    code: 'logged-event-changed',
    ...(event ? { event } : {}),
    leafIndex: changed.leafIndex,
    positions: changed.positions,
    message: `The events at positions ${from}..${to} are not the ones the Merkle log recorded: the stored tree agrees with itself above them, but not with them, so one of them was changed after it was logged (its hash and its stream's chain recomputed)`,
  };
}

/** The stored tree's root at a size against the rebuilt one. */
export function storedRootMismatch(size: number, stored: string, rebuilt: string): Problem {
  return {
    code: 'stored-root-mismatch',
    treeSize: size,
    message: `The stored tree's root at ${size} leaves is ${stored}, the tree rebuilt from the events has ${rebuilt}`,
  };
}

/** Leaves whose events are gone: the events were the leaves, so only their places are left. */
export function leafWithoutEvent(storedSize: number, eventCount: number): Problem {
  return {
    code: 'leaf-without-event',
    leafIndex: eventCount,
    treeSize: storedSize,
    positions: { from: eventCount + 1, to: storedSize },
    message: `The Merkle log has ${storedSize} leaves but the ledger ${eventCount} events: ${storedSize - eventCount} event(s) were removed, from position ${eventCount + 1} on`,
  };
}
