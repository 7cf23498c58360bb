export * from './ledger-config';
export * from './create-event-store';
export * from './logging';
export * from './platform.module';
