// Test support other libs may use (through `@ledger/domain/testing`): worlds recorded by commands.
export * from './across-records.fixtures';
export * from './in-memory-ledger';
