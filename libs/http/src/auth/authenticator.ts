import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { createLocalJWKSet, createRemoteJWKSet, importSPKI, jwtVerify, type JWTVerifyGetKey, type KeyLike } from 'jose';
import { LedgerConfig } from '@ledger/platform';
import { ProblemException } from '../problems/problem';
import { ApiKeyRing, ROLES, type ApiKey } from './api-key-ring';
import { ANONYMOUS, type Caller } from './caller';

/** Turns an Authorization header into a caller. No header: the public. A bad token: 401, never the public. */
@Injectable()
export class Authenticator implements OnModuleDestroy {
  private readonly keys: ApiKeyRing;
  private jwtKey?: JWTVerifyGetKey | KeyLike | Promise<KeyLike>;

  constructor(private readonly config: LedgerConfig) {
    this.keys = ApiKeyRing.forConfig(config);
    if (config.LEDGER_JWT_ISSUER) {
      if (config.LEDGER_JWT_JWKS_URL) this.jwtKey = createRemoteJWKSet(new URL(config.LEDGER_JWT_JWKS_URL));
      else if (config.LEDGER_JWT_PUBLIC_KEY_FILE) {
        const text = readFileSync(config.LEDGER_JWT_PUBLIC_KEY_FILE, 'utf8');
        this.jwtKey = text.trim().startsWith('{') ? createLocalJWKSet(JSON.parse(text)) : importSPKI(text, 'EdDSA').catch(() => importSPKI(text, 'RS256'));
      } else throw new Error('LEDGER_JWT_ISSUER needs LEDGER_JWT_JWKS_URL or LEDGER_JWT_PUBLIC_KEY_FILE');
    }
  }

  async authenticate(authorization: string | undefined): Promise<Caller> {
    if (authorization === undefined || authorization === '') return ANONYMOUS;
    const match = /^Bearer ([A-Za-z0-9._~+/=-]{16,4096})$/i.exec(authorization); // the scheme is case-insensitive (RFC 9110)
    if (!match) throw new ProblemException('unauthorized', 'The Authorization header must be "Bearer <token>"');
    const token = match[1];
    const digest = createHash('sha256').update(token, 'utf8').digest();
    const key = this.keys.find(digest);
    if (key) return { name: key.name, role: key.role, via: 'api-key' };
    if (this.jwtKey && token.split('.').length === 3) return this.verifyJwt(token);
    throw new ProblemException('unauthorized', 'The bearer token is not a known API key or a valid JWT');
  }

  onModuleDestroy(): void {
    this.keys.close();
  }

  private async verifyJwt(token: string): Promise<Caller> {
    try {
      const key = await this.jwtKey;
      const { payload } = await jwtVerify(token, key as KeyLike, { issuer: this.config.LEDGER_JWT_ISSUER, audience: this.config.LEDGER_JWT_AUDIENCE });
      const role = payload[this.config.LEDGER_JWT_ROLE_CLAIM];
      if (!ROLES.has(String(role))) throw new Error(`the token has no ${this.config.LEDGER_JWT_ROLE_CLAIM} claim of clerk or auditor`);
      return { name: String(payload.sub ?? 'unknown'), role: role as ApiKey['role'], via: 'jwt' };
    } catch (error) {
      throw new ProblemException('unauthorized', `The JWT was refused: ${(error as Error).message}`);
    }
  }
}
