import { existsSync, readFileSync } from 'node:fs';
import { EVENT_TYPES } from '@ledger/domain';
import { openStore, seed, tempDir } from './testing/cli-fixtures';
import { runLedger as run } from './testing/run-ledger';

/*
 * A --types that names no event type of the ledger exported nothing and exited 0: an operator
 * who mistyped a type took it for an empty export. Such names are refused before anything is
 * written, each named, with the type it was likely meant to be.
 */
describe('events export --types refuses the names of no event type (a real SQLite ledger)', () => {
  const tmp = tempDir();
  const ledger = tmp.path('ledger.db');

  beforeAll(async () => {
    const store = openStore(ledger);
    await seed(store, 40); // MeetingHeld, ProposalTabled, VoteCast, DecisionRecorded
    await store.close();
  });
  afterAll(() => tmp.cleanup());

  /** Runs the export to its own --out; returns the run and whether that file was made. */
  async function exportTo(name: string, ...types: string[]) {
    const out = tmp.path(`${name}.ndjson`);
    const res = await run(['events', 'export', '--db', ledger, '--out', out, '--types', ...types]);
    return { ...res, created: existsSync(out), file: out };
  }

  it('a name of no type: refused (rc 1), no output file, the known types listed', async () => {
    const res = await exportTo('nosuch', 'NoSuchType');
    expect([res.code, res.out, res.created]).toEqual([1, '', false]);
    expect(res.err).toBe(
      'ledger: --types names an event type the ledger does not have: NoSuchType; nothing was exported, and no file written. ' +
        `The ledger's event types: ${[...EVENT_TYPES].sort().join(', ')}. [unknown-event-type]\n`,
    );
    expect(res.err).toContain('VoteCast, VoteClosed, VoteOpened');
  });

  it('a name in the wrong case or one letter off: refused, with the type it was likely meant to be', async () => {
    const res = await exportTo('close', 'votecast', 'DecisionRecorded', 'MeetingHled', 'ProposalTabeld');
    expect([res.code, res.created]).toEqual([1, false]);
    expect(res.err).toBe(
      'ledger: --types names event types the ledger does not have: votecast (did you mean VoteCast?), ' +
        'MeetingHled (did you mean MeetingHeld?), ProposalTabeld (did you mean ProposalTabled?); ' +
        'nothing was exported, and no file written. [unknown-event-type]\n',
    );
  });

  it('each unknown name once, guessed or not, and the list when one has no guess', async () => {
    const res = await exportTo('mixed', 'Bogus,votecast', 'Bogus');
    expect(res.code).toBe(1);
    expect(res.err).toMatch(
      /^ledger: --types names event types the ledger does not have: Bogus, votecast \(did you mean VoteCast\?\); .* The ledger's event types: /,
    );
  });

  it('known types, even of no event in this ledger, are exported as before', async () => {
    const res = await exportTo('known', 'VoteCast', 'EventRetracted');
    expect(res.code).toBe(0);
    const lines = readFileSync(res.file, 'utf8').split('\n').slice(0, -1);
    expect(lines.length).toBe(10);
    expect(lines.every((line) => (JSON.parse(line) as { type: string }).type === 'VoteCast')).toBe(true);
  });
});
