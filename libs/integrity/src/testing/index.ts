export * from './tamperable-ledger';
export * from './sample-ledger';
