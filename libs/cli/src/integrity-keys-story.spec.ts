import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { hashToken } from '@ledger/http';
import { STRATEGIC_ALLIANCE_STORY } from '@ledger/domain';
import { keyIdOf } from '@ledger/integrity';
import { runLedger as run } from './testing/run-ledger';

/** One event per step of the story. */
const STEPS = STRATEGIC_ALLIANCE_STORY.length;

describe('ledger story, keys, checkpoint, verify and verify-proof', () => {
  let dir: string;
  let db: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-cli-int-'));
    db = join(dir, 'ledger.db');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the story once, however often it is run', async () => {
    const first = await run(['story', 'load', '--db', db]);
    expect(first.code).toBe(0);
    expect(first.err).toMatch(new RegExp(`Recorded ${STEPS} of ${STEPS} steps`));
    const again = await run(['story', 'load', '--db', db]);
    expect(again.err).toMatch(new RegExp(`Recorded 0 of ${STEPS} steps \\(${STEPS} were there already\\)`));
  });

  it('adds an API key: the token is printed once and only its hash is stored', async () => {
    const file = join(dir, 'keys.json');
    const res = await run([
      'keys',
      'add',
      '--name',
      'town-clerk',
      '--role',
      'clerk',
      '--file',
      file,
      '--db',
      db,
    ]);
    expect(res.code).toBe(0);
    const token = res.out.trim();
    const stored = JSON.parse(readFileSync(file, 'utf8'));
    expect(stored).toEqual([{ name: 'town-clerk', role: 'clerk', sha256: hashToken(token) }]);
    expect(readFileSync(file, 'utf8')).not.toContain(token);
    expect(
      (await run(['keys', 'add', '--name', 'town-clerk', '--role', 'auditor', '--file', file, '--db', db]))
        .code,
    ).toBe(1);
  });

  it('signs a checkpoint, verifies the ledger against it, and names the event after tampering', async () => {
    const key = join(dir, 'signing.pem');
    const pub = (await run(['keys', 'signing', '--out', key])).out;
    writeFileSync(join(dir, 'public.pem'), pub);
    const cp = await run(['checkpoint', '--sign-with', key, '--db', db]);
    const checkpointFile = join(dir, 'cp.json');
    writeFileSync(checkpointFile, cp.out);
    expect(JSON.parse(cp.out)).toMatchObject({ treeSize: STEPS, signature: expect.any(String) });

    const ok = await run([
      'verify',
      '--checkpoint',
      checkpointFile,
      '--key',
      join(dir, 'public.pem'),
      '--db',
      db,
    ]);
    expect(ok.code).toBe(0);
    expect(ok.err).toMatch(new RegExp(`^OK: ${STEPS} events`));

    const copy = join(dir, 'tampered.db');
    copyFileSync(db, copy);
    const raw = new Database(copy);
    raw.exec('DROP TRIGGER events_no_update');
    raw
      .prepare(
        `UPDATE events SET data = json_set(data, '$.outcome', 'approve') WHERE position = (SELECT min(position) FROM events WHERE type = 'DecisionRecorded')`,
      )
      .run();
    const position = (
      raw.prepare(`SELECT min(position) AS p FROM events WHERE type = 'DecisionRecorded'`).get() as {
        p: number;
      }
    ).p;
    raw.close();
    const bad = await run(['verify', '--checkpoint', checkpointFile, '--db', copy]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(new RegExp(`first bad event at position ${position}`));
    expect(bad.err).toMatch(/The way out: .*Restore the ledger from a backup/);
    // A changed event cannot be repaired in place: refused, nothing changed.
    const refused = await run(['repair', '--db', copy]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/cannot be repaired in place/);
  });

  it('repairs a damaged Merkle log and a dropped trigger from the events, which verify again against the old checkpoint', async () => {
    const copy = join(dir, 'damaged.db');
    copyFileSync(join(dir, 'ledger.db'), copy);
    const raw = new Database(copy);
    raw.exec(
      'DROP TRIGGER events_no_delete; DROP TRIGGER merkle_nodes_no_delete; DELETE FROM merkle_nodes WHERE (idx << level) >= 20',
    );
    raw.close();
    const bad = await run(['verify', '--db', copy]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/The way out: .*ledger -- repair/);
    const repaired = await run(['repair', '--db', copy]);
    expect(repaired.code).toBe(0);
    expect(repaired.err).toMatch(/^Repaired \(.*append-only-trigger-missing.*leaf-missing/);
    const again = await run([
      'verify',
      '--checkpoint',
      join(dir, 'cp.json'),
      '--key',
      join(dir, 'public.pem'),
      '--db',
      copy,
    ]);
    expect([again.code, again.err]).toEqual([0, expect.stringMatching(new RegExp(`^OK: ${STEPS} events`))]);
    expect((await run(['repair', '--db', copy])).err).toMatch(/^Nothing to repair/);
  });

  it('prints an unsigned checkpoint without --sign-with: no signature algorithm claimed, and it says so; verify and verify-proof take it', async () => {
    const cp = await run(['checkpoint', '--db', db]);
    expect(cp.code).toBe(0);
    const checkpoint = JSON.parse(cp.out);
    expect(Object.keys(checkpoint).sort()).toEqual(['rootHash', 'timestamp', 'treeSize']);
    expect(cp.err).toMatch(/^Unsigned: .*--sign-with/);
    const file = join(dir, 'unsigned.json');
    writeFileSync(file, cp.out);
    const ok = await run(['verify', '--checkpoint', file, '--db', db]);
    expect([ok.code, JSON.parse(ok.out).checkpoints[0].signature]).toEqual([0, 'not-checked']);
    // With a key, an unsigned checkpoint is refused: it proves nothing about who made it.
    const keyed = await run(['verify', '--checkpoint', file, '--key', join(dir, 'public.pem'), '--db', db]);
    expect(keyed.code).toBe(1);
    expect(keyed.err).toMatch(/is not signed/);
    const proof = join(dir, 'unsigned-proof.json');
    writeFileSync(
      proof,
      JSON.stringify({ type: 'consistency', firstSize: STEPS, secondSize: STEPS, path: [] }),
    );
    const checked = await run(['verify-proof', '--checkpoint', file, '--proof', proof, '--old', file]);
    expect([checked.code, checked.out]).toEqual([0, 'OK\n']);
  });

  it('checks a consistency proof without the store', async () => {
    const checkpointFile = join(dir, 'cp.json');
    const checkpoint = JSON.parse(readFileSync(checkpointFile, 'utf8'));
    const proofFile = join(dir, 'proof.json');
    writeFileSync(
      proofFile,
      JSON.stringify({ type: 'consistency', firstSize: STEPS, secondSize: STEPS, path: [] }),
    );
    const unkeyed = await run([
      'verify-proof',
      '--checkpoint',
      checkpointFile,
      '--proof',
      proofFile,
      '--old',
      checkpointFile,
    ]);
    expect(unkeyed.out).toBe('OK\n');
    // Without --key the OK says plainly that no signature was checked.
    expect(unkeyed.err).toMatch(/no --key given, so no checkpoint signature was checked/);
    writeFileSync(
      join(dir, 'wrong.json'),
      JSON.stringify({ ...checkpoint, rootHash: '0'.repeat(64), signature: undefined }),
    );
    expect(
      (
        await run([
          'verify-proof',
          '--checkpoint',
          checkpointFile,
          '--proof',
          proofFile,
          '--old',
          join(dir, 'wrong.json'),
        ])
      ).code,
    ).toBe(1);
  });
  it('takes the public key as GET /ledger/public-key serves it, and says plainly when a key file is no public key', async () => {
    const pem = readFileSync(join(dir, 'public.pem'), 'utf8');
    const served = join(dir, 'public-key.json'); // curl -o public-key.json …/ledger/public-key
    writeFileSync(served, JSON.stringify({ algorithm: 'Ed25519', keyId: keyIdOf(pem), pem }));
    const proof = join(dir, 'proof.json');
    const checkpoint = join(dir, 'cp.json');
    const proved = await run([
      'verify-proof',
      '--checkpoint',
      checkpoint,
      '--proof',
      proof,
      '--old',
      checkpoint,
      '--key',
      served,
    ]);
    expect([proved.code, proved.out, proved.err]).toEqual([0, 'OK\n', '']);
    const verified = await run(['verify', '--checkpoint', checkpoint, '--key', served, '--db', db]);
    expect([verified.code, verified.err]).toEqual([0, expect.stringMatching(/^OK: /)]);

    const notKeys: Array<[string, string, RegExp]> = [
      ['garbage.pem', 'hello\n', /not a public key \(PEM, or the JSON GET \/ledger\/public-key answers\)/],
      ['checkpoint-as-key.json', readFileSync(checkpoint, 'utf8'), /: it is JSON with no "pem" field/],
      ['broken-pem.pem', '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n', /answers\) \[/],
      [
        'signing-copy.pem',
        readFileSync(join(dir, 'signing.pem'), 'utf8'),
        /: it is a private key; give its public key/,
      ],
    ];
    for (const [name, text, says] of notKeys) {
      const file = join(dir, name);
      writeFileSync(file, text);
      for (const args of [
        ['verify-proof', '--checkpoint', checkpoint, '--proof', proof, '--old', checkpoint, '--key', file],
        ['verify', '--checkpoint', checkpoint, '--key', file, '--db', db],
      ]) {
        const res = await run(args);
        expect([name, res.code, res.out]).toEqual([name, 1, '']);
        expect(res.err).toMatch(`ledger: ${file} is not a public key`);
        expect(res.err).toMatch(says);
        expect(res.err).toMatch(/\[not-a-public-key\]\n$/);
        expect(res.err).not.toMatch(/signature|DECODER/);
      }
    }
  });

  it('checkpoint --sign-with a public key says it needs the private signing key', async () => {
    const res = await run(['checkpoint', '--sign-with', join(dir, 'public.pem'), '--db', db]);
    expect([res.code, res.out]).toEqual([1, '']);
    expect(res.err).toBe(
      `ledger: ${join(dir, 'public.pem')} is not the private signing key (an Ed25519 private key, PEM, as ledger keys signing --out writes it): ` +
        'it is a public key, which checks signatures but cannot make them [not-a-signing-key]\n',
    );
  });
});
