import { startLedger, type LedgerHarness } from '../testing/ledger-harness';

/**
 * A rebuild from scratch writes on another thread with a rollback journal: the generation it
 * leaves has the same schema as one migrated afresh, every index included, and is back in WAL mode.
 */
describe('a rebuilt generation', () => {
  let ledger: LedgerHarness;
  beforeAll(async () => {
    ledger = await startLedger();
    await ledger.recordStory();
    await ledger.settle();
  });
  afterAll(async () => ledger.close());

  const schema = () =>
    ledger.projections.readModels.db
      .prepare(`SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name`)
      .all() as Array<{ type: string; name: string }>;

  it('has every index the migrations make, and is in WAL mode again', async () => {
    const migrated = schema();
    await ledger.projections.rebuild();
    expect(schema()).toEqual(migrated);
    const indexes = migrated.filter((row) => row.type === 'index').map((row) => row.name);
    expect(indexes).toEqual(
      expect.arrayContaining([
        'rm_decisions_key',
        // Built at the rebuild's end from their own definitions (BUILT_AFTER_A_REBUILD):
        'rm_decisions_person',
        'rm_recommendations_proposal',
        'rm_event_visibility_entry',
        'rm_proposals_status',
        'rm_votes_person',
        'rm_snapshots_at',
      ]),
    );
    expect(ledger.projections.readModels.db.pragma('journal_mode', { simple: true })).toBe('wal');
  });
});
