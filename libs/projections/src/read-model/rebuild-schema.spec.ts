import { startLedger, type LedgerHarness } from '../testing/ledger-harness';
import { REBUILT_INDEXES } from './read-model.schema';

/**
 * A rebuild from scratch drops the query-only indexes and runs with a rollback journal: the
 * generation it leaves has the same schema as one migrated afresh, and is back in WAL mode.
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
    ledger.projections.readModels.db.prepare(`SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name`).all() as Array<{ type: string; name: string }>;

  it('has every index the migrations make, and is in WAL mode again', async () => {
    const migrated = schema();
    await ledger.projections.rebuild();
    expect(schema()).toEqual(migrated);
    const indexes = migrated.filter((row) => row.type === 'index').map((row) => row.name);
    expect(indexes).toEqual(expect.arrayContaining(REBUILT_INDEXES.map((index) => index.drop.split(' ').pop())));
    expect(ledger.projections.readModels.db.pragma('journal_mode', { simple: true })).toBe('wal');
  });
});
