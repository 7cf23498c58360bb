import type { Checkpoint, PublicKeyInput } from './checkpoint';
import type { TreeHead } from './proofs';

/** What `verifyLedger` reports (verify-ledger.ts says what it checks). */
export type ProblemCode =
  | 'append-only-trigger-missing'
  | 'merkle-log-missing'
  | 'unreadable-event'
  | 'hash-mismatch'
  | 'position-gap'
  | 'revision-gap'
  | 'prev-hash-mismatch'
  | 'recorded-at-decreased'
  | 'leaf-missing'
  | 'leaf-without-event'
  | 'node-mismatch'
  | 'logged-event-changed'
  | 'stored-root-mismatch'
  | 'stored-tree-damaged'
  | 'checkpoint-beyond-ledger'
  | 'checkpoint-root-mismatch'
  | 'checkpoint-signature-invalid'
  | 'consistency-proof-invalid';

export interface EventRef {
  position: number;
  id: string;
  /** null when the event is gone (a leaf whose event was deleted). */
  stream: string | null;
  revision: number | null;
}

export interface Problem {
  code: ProblemCode;
  message: string;
  /** The event at fault, when one can be named. */
  event?: EventRef;
  leafIndex?: number;
  /** For tree-level problems: the tree size concerned. */
  treeSize?: number;
  /** When the fault can only be narrowed to a range (a checkpoint root no longer matches). */
  positions?: { from: number; to: number };
}

export interface CheckpointResult {
  treeSize: number;
  rootHash: string;
  timestamp?: string;
  /** 'absent': unsigned; 'not-checked': no public key given. */
  signature: 'valid' | 'invalid' | 'absent' | 'not-checked';
  /** The root of the rebuilt tree at this size equals the checkpoint's; null if the ledger is shorter. */
  rootMatches: boolean | null;
  /** The stored tree's consistency proof from this checkpoint to the rebuilt current root. */
  consistencyProof: 'valid' | 'invalid' | 'not-available';
}

export interface LedgerVerificationReport {
  ok: boolean;
  path: string;
  eventsChecked: number;
  streams: number;
  /** The last position read (0 if none). */
  head: number;
  /** The tree rebuilt from the recomputed event hashes. */
  tree: TreeHead;
  /** The Merkle log stored in the file, or null when the file has none. */
  storedTree: { treeSize: number; rootHash: string | null } | null;
  checkpoints: CheckpointResult[];
  /** The first event found at fault, with the first problem found about it. */
  firstBadEvent: (EventRef & { code: ProblemCode; message: string }) | null;
  /** Problems in the order found (event order first, then tree-level), at most maxProblems. */
  problems: Problem[];
  problemCount: number;
  warnings: string[];
  /** The way out, when something is wrong: what to run, or what to restore. */
  remedy: string | null;
  durationMs: number;
}

export interface VerifyLedgerOptions {
  /** Older checkpoints (or tree heads) the ledger must be consistent with. */
  checkpoints?: ReadonlyArray<Checkpoint | TreeHead>;
  /** Checks the checkpoints' Ed25519 signatures. */
  publicKey?: PublicKeyInput;
  /** Called after every page with the number of events checked and the total. */
  onProgress?: (progress: { checked: number; total: number }) => void;
  /** Events read per page (default 1000): memory holds one page. */
  pageSize?: number;
  /** Problems kept in the report (default 100); all are counted. */
  maxProblems?: number;
  /** Compare every stored Merkle node with the rebuilt one (default true). */
  checkStoredNodes?: boolean;
}
