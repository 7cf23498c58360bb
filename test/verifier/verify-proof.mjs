#!/usr/bin/env node
// A standalone verifier for governance-ledger proofs: Node built-ins only, no project code, so it
// reads as a recipe for any language (libs/integrity/README.md specifies every step).
//   node verify-proof.mjs <checkpoint.json> <proof.json> [--old <older-checkpoint.json>] [--key <PEM file | raw base64>]
// Prints OK and exits 0, or prints FAIL and the reason and exits 1 (2 on bad usage).
import { createHash, createPublicKey, verify } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';

const HEX = /^[0-9a-f]{64}$/;
const sha256 = (...parts) => parts.reduce((h, p) => h.update(p), createHash('sha256')).digest();
const leafHash = (eventHashHex) => sha256(Buffer.from([0x00]), Buffer.from(eventHashHex, 'hex'));
const nodeHash = (left, right) => sha256(Buffer.from([0x01]), left, right);
const odd = (n) => n % 2 === 1;
const half = (n) => Math.floor(n / 2);

// RFC 8785 for values parsed from JSON: keys sorted by UTF-16 code units, ECMAScript number and
// string forms (which is what JSON.stringify writes).
const jcs = (v) =>
  Array.isArray(v)
    ? `[${v.map(jcs).join(',')}]`
    : v !== null && typeof v === 'object'
      ? `{${Object.keys(v)
          .filter((k) => v[k] !== undefined)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${jcs(v[k])}`)
          .join(',')}}`
      : JSON.stringify(v);

// The event hash: SHA-256 of the RFC 8785 encoding of exactly these fields.
function eventHash(e) {
  const m = e.metadata;
  const fields = {
    id: e.id,
    stream: e.stream,
    revision: e.revision,
    type: e.type,
    schemaVersion: e.schemaVersion,
    data: e.data,
    occurredAt: m.occurredAt,
    recordedAt: m.recordedAt,
    actor: m.actor,
    correlationId: m.correlationId,
    causationId: m.causationId,
    source: m.source,
    prevHash: e.prevHash,
  };
  return sha256(Buffer.from(jcs(fields), 'utf8')).toString('hex');
}

// RFC 9162 §2.1.3.2: the root an inclusion path leads to, or null if the path has the wrong shape.
function rootFromInclusion(index, size, leaf, path) {
  if (!(index >= 0 && index < size)) return null;
  let [fn, sn, r] = [index, size - 1, leaf];
  for (const p of path) {
    if (sn === 0) return null;
    if (odd(fn) || fn === sn) {
      r = nodeHash(p, r);
      while (!odd(fn) && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else r = nodeHash(r, p);
    [fn, sn] = [half(fn), half(sn)];
  }
  return sn === 0 ? r : null;
}

// RFC 9162 §2.1.4.2, for 0 < first < second.
function consistent(first, second, firstRoot, secondRoot, proof) {
  if (first === 0) return proof.length === 0 && firstRoot.equals(sha256()); // the empty tree
  if (first === second) return proof.length === 0 && firstRoot.equals(secondRoot);
  if (!(first > 0 && first < second) || proof.length === 0) return false;
  const path = isPow2(first) ? [firstRoot, ...proof] : proof;
  let [fn, sn] = [first - 1, second - 1];
  while (odd(fn)) [fn, sn] = [half(fn), half(sn)];
  let [fr, sr] = [path[0], path[0]];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      [fr, sr] = [nodeHash(c, fr), nodeHash(c, sr)];
      while (!odd(fn) && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else sr = nodeHash(sr, c);
    [fn, sn] = [half(fn), half(sn)];
  }
  return sn === 0 && fr.equals(firstRoot) && sr.equals(secondRoot);
}
function isPow2(n) {
  while (n > 1 && n % 2 === 0) n /= 2;
  return n === 1;
}

// Ed25519 over the RFC 8785 encoding of the checkpoint without its signature.
function checkSignature(cp, keyArg, what) {
  const text = existsSync(keyArg) ? readFileSync(keyArg, 'utf8') : keyArg;
  const key = text.includes('-----BEGIN')
    ? createPublicKey(text)
    : createPublicKey({
        key: Buffer.concat([
          Buffer.from('302a300506032b6570032100', 'hex'),
          Buffer.from(text.trim(), 'base64'),
        ]),
        format: 'der',
        type: 'spki',
      });
  const { algorithm, keyId, rootHash, timestamp, treeSize } = cp;
  if (algorithm !== 'Ed25519' || typeof cp.signature !== 'string') fail(`${what} is not signed with Ed25519`);
  const signed = Buffer.from(jcs({ algorithm, keyId, rootHash, timestamp, treeSize }), 'utf8');
  if (!verify(null, signed, key, Buffer.from(cp.signature, 'base64')))
    fail(`${what}: the signature does not match its content and the key`);
}

function fail(reason) {
  console.log(`FAIL: ${reason}`);
  process.exit(1);
}
const hashes = (list, what) => {
  if (!Array.isArray(list) || !list.every((h) => HEX.test(h))) fail(`${what} must be hex hashes`);
  return list.map((h) => Buffer.from(h, 'hex'));
};
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args.splice(i, 2)[1];
};
const [oldFile, keyArg] = [flag('--old'), flag('--key')];
if (args.length !== 2) {
  console.error(
    'usage: verify-proof.mjs <checkpoint.json> <proof.json> [--old <older-checkpoint.json>] [--key <public key>]',
  );
  process.exit(2);
}
try {
  const [cp, proof] = args.map(readJson);
  const [root] = hashes([cp.rootHash], 'checkpoint rootHash');
  if (keyArg) checkSignature(cp, keyArg, 'the checkpoint');
  if (proof.type === 'inclusion') {
    if (proof.treeSize !== cp.treeSize)
      fail(`the proof is for ${proof.treeSize} leaves, the checkpoint for ${cp.treeSize}`);
    if (!HEX.test(proof.eventHash)) fail('eventHash must be a hex hash');
    if (proof.event && eventHash(proof.event) !== proof.eventHash)
      fail(`the event's fields hash to ${eventHash(proof.event)}, not ${proof.eventHash}`);
    const got = rootFromInclusion(
      proof.leafIndex,
      proof.treeSize,
      leafHash(proof.eventHash),
      hashes(proof.path, 'path'),
    );
    if (!got || !got.equals(root))
      fail(
        `the inclusion path leads to ${got ? got.toString('hex') : 'nothing (wrong length)'}, not the checkpoint's root ${cp.rootHash}`,
      );
    console.log(
      `OK: event ${proof.eventId ?? proof.eventHash} is leaf ${proof.leafIndex} of the tree of ${cp.treeSize} leaves with root ${cp.rootHash}`,
    );
  } else if (proof.type === 'consistency') {
    const old = oldFile ? readJson(oldFile) : { treeSize: proof.firstSize, rootHash: proof.firstRootHash };
    if (oldFile && keyArg) checkSignature(old, keyArg, 'the older checkpoint');
    if (!oldFile) console.log('note: no --old checkpoint given; using the first root the proof claims');
    if (proof.firstSize !== old.treeSize || proof.secondSize !== cp.treeSize)
      fail(
        `the proof is from ${proof.firstSize} to ${proof.secondSize} leaves, the checkpoints are of ${old.treeSize} and ${cp.treeSize}`,
      );
    if (
      !consistent(
        old.treeSize,
        cp.treeSize,
        hashes([old.rootHash], 'older rootHash')[0],
        root,
        hashes(proof.path, 'path'),
      )
    )
      fail(
        `the tree of ${old.treeSize} leaves (root ${old.rootHash}) is not a prefix of the tree of ${cp.treeSize} leaves (root ${cp.rootHash})`,
      );
    console.log(
      `OK: the tree of ${old.treeSize} leaves (root ${old.rootHash}) is a prefix of the tree of ${cp.treeSize} leaves (root ${cp.rootHash})`,
    );
  } else fail(`unknown proof type ${JSON.stringify(proof.type)}`);
} catch (error) {
  fail(error.message);
}
