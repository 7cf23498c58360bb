export * from './event-store.port';
export * from './errors';
export * from './hashing';
export * from './validation';
export * from './read-options';
export * from './sqlite/sqlite-event-store';
export * from './sqlite/migrations';
export * from './eventstoredb/eventstoredb-event-store';
