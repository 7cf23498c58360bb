export * from './ledger-config';
export * from './create-event-store';
export * from './ledger-file-problem';
export * from './logging';
export * from './platform.module';
