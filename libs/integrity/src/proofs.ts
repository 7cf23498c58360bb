import type { StoredEvent } from '@ledger/event-store';

/**
 * The JSON forms of proofs handed to outsiders (README.md, "Proof formats"). Hashes are
 * lower-case hex; `path` is ordered from the leaf (or the old tree) up to the root, as RFC 9162
 * returns it.
 */

export interface TreeHead {
  treeSize: number;
  rootHash: string;
}

export interface InclusionProof {
  type: 'inclusion';
  /** 0-based index of the leaf: the event's rank in global (position) order. */
  leafIndex: number;
  treeSize: number;
  /** The leaf input: the event's hash. The leaf hash is SHA-256(0x00 || these 32 bytes). */
  eventHash: string;
  /** RFC 9162 inclusion path, leaf to root. */
  path: string[];
  /** Informative: which event this is. */
  eventId?: string;
  position?: number;
  /** Optional: the event itself, so a verifier can recompute `eventHash` from its fields. */
  event?: StoredEvent;
}

export interface ConsistencyProof {
  type: 'consistency';
  firstSize: number;
  secondSize: number;
  /** RFC 9162 consistency path. */
  path: string[];
  /** The roots the log claims for both sizes; a verifier uses the ones of checkpoints it trusts. */
  firstRootHash?: string;
  secondRootHash?: string;
}

export type Proof = InclusionProof | ConsistencyProof;
