export * from './merkle/rfc9162';
export * from './merkle/merkle-log';
export * from './proofs';
export * from './checkpoint';
export * from './sqlite/sqlite-merkle-log';
export * from './verify-proof';
export * from './verify-ledger';
