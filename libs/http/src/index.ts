export * from './http-api.module';
export * from './bootstrap';
export * from './openapi';
export * from './auth/authenticator';
export * from './auth/api-key-ring';
export * from './auth/caller';
export * from './problems/problem';
export * from './listening-urls';
