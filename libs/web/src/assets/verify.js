// Checks an entry's inclusion proof and the checkpoint in the browser, with WebCrypto only:
// SHA-256 for the RFC 9162 audit path, Ed25519 for the checkpoint's signature. Nothing the
// server says about the result is trusted; it supplies the proof, the checkpoint and the key.
const hex = (bytes) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
const unhex = (text) => Uint8Array.from(text.match(/../g) ?? [], (h) => parseInt(h, 16));
const sha256 = async (...parts) => new Uint8Array(await crypto.subtle.digest('SHA-256', concat(...parts)));
const concat = (...parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const HEX = /^[0-9a-f]{64}$/;

// RFC 8785 for values parsed from JSON (what the checkpoint's signature covers).
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

// RFC 9162 §2.1.3.2: the root an inclusion path leads to, or null if the path has the wrong shape.
async function rootFromInclusion(index, size, leaf, path) {
  if (!(index >= 0 && index < size)) return null;
  let fn = index,
    sn = size - 1,
    r = leaf;
  for (const p of path) {
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = await sha256(Uint8Array.of(1), p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else r = await sha256(Uint8Array.of(1), r, p);
    fn >>= 1;
    sn >>= 1;
  }
  return sn === 0 ? r : null;
}

async function verifySignature(checkpoint, pem) {
  const der = Uint8Array.from(atob(pem.replace(/-----[^-]+-----|\s/g, '')), (c) => c.charCodeAt(0));
  const key = await crypto.subtle.importKey('spki', der, { name: 'Ed25519' }, false, ['verify']);
  const { algorithm, keyId, rootHash, timestamp, treeSize } = checkpoint;
  const signature = Uint8Array.from(atob(checkpoint.signature), (c) => c.charCodeAt(0));
  return crypto.subtle.verify(
    { name: 'Ed25519' },
    key,
    signature,
    new TextEncoder().encode(jcs({ algorithm, keyId, rootHash, timestamp, treeSize })),
  );
}

async function fetchJson(url) {
  const response = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
  return { ok: response.ok, status: response.status, body: await response.json().catch(() => undefined) };
}

async function check(eventId) {
  const checkpoint = (await fetchJson('/ledger/checkpoint')).body;
  if (!checkpoint || !HEX.test(checkpoint.rootHash))
    return { ok: false, reason: 'The checkpoint could not be read.' };
  const proof = await fetchJson(
    `/ledger/proofs/inclusion?eventId=${encodeURIComponent(eventId)}&treeSize=${checkpoint.treeSize}`,
  );
  if (!proof.ok)
    return {
      ok: false,
      reason: `The ledger has no proof for this entry (${proof.body?.detail ?? proof.status}).`,
    };
  const p = proof.body;
  if (p.treeSize !== checkpoint.treeSize)
    return {
      ok: false,
      reason: `The proof is for ${p.treeSize} entries, the checkpoint for ${checkpoint.treeSize}.`,
    };
  if (!HEX.test(p.eventHash) || !Array.isArray(p.path) || !p.path.every((h) => HEX.test(h)))
    return { ok: false, reason: 'The proof is not made of SHA-256 hashes.' };
  const root = await rootFromInclusion(
    p.leafIndex,
    p.treeSize,
    await sha256(Uint8Array.of(0), unhex(p.eventHash)),
    p.path.map(unhex),
  );
  if (!root || hex(root) !== checkpoint.rootHash)
    return {
      ok: false,
      reason: `The proof leads to ${root ? hex(root) : 'nothing (it has the wrong length)'}, not to the checkpoint's root ${checkpoint.rootHash}. This entry is not in the tree the ledger published, or the proof was altered.`,
    };
  let signature =
    'The checkpoint is not signed (this ledger has no signing key): this proves inclusion in the tree the server reports.';
  if (checkpoint.signature) {
    const key = await fetchJson('/ledger/public-key');
    if (!key.ok || !key.body?.pem)
      return { ok: false, reason: 'The checkpoint is signed but the public key could not be read.' };
    if (!(await verifySignature(checkpoint, key.body.pem)))
      return {
        ok: false,
        reason: "The checkpoint's signature does not match its content and the ledger's key.",
      };
    signature = `The checkpoint's Ed25519 signature checks with the ledger's key ${key.body.keyId}.`;
  }
  return {
    ok: true,
    reason: `Entry ${eventId} (hash ${p.eventHash}) is entry ${p.leafIndex + 1} of the ${checkpoint.treeSize} in the tree with root ${checkpoint.rootHash}. ${signature}`,
  };
}

for (const box of document.querySelectorAll('[data-module="app-verify"]')) {
  box.innerHTML = '<p class="govuk-body">Checking in your browser…</p>';
  check(box.dataset.eventId)
    .catch((error) => ({ ok: false, reason: `The check could not run: ${error.message}` }))
    .then(({ ok, reason }) => {
      box.classList.add(ok ? 'app-verify-result--ok' : 'app-verify-result--fail');
      box.dataset.outcome = ok ? 'verified' : 'failed';
      box.innerHTML = '';
      const title = document.createElement('h3');
      title.className = 'govuk-heading-m';
      title.textContent = ok ? 'Verified in your browser' : 'Not verified';
      const text = document.createElement('p');
      text.className = 'govuk-body';
      text.textContent = reason;
      box.append(title, text);
    });
}
