export * from './operations/operations.module';
export * from './bootstrap';
