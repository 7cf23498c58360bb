export * from './http-api.module';
export * from './bootstrap';
export * from './openapi';
export * from './auth/authenticator';
export * from './auth/caller';
export * from './problems/problem';
export * from './recording/http-recorder';
export * from './integrity/ledger-integrity.service';
