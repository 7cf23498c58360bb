export * from './web.module';
export * from './web-setup';
