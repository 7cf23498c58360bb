import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  importSPKI,
  jwtVerify,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
  type KeyLike,
} from 'jose';
import { LedgerConfig } from '@ledger/platform';
import { ProblemException } from '../problems/problem';
import { ApiKeyRing, ROLES, type ApiKey } from './api-key-ring';
import { ANONYMOUS, type Caller } from './caller';

/**
 * What a web session keeps of the credential it was signed in with, to check it again each time it
 * is used (stillHolds): the API key's digest (never its token), or the JWT's expiry.
 */
export interface SessionCredential {
  caller: Caller;
  keyDigest?: Buffer;
  /** A JWT's `exp`, in milliseconds. */
  expiresAt?: number;
}

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
        this.jwtKey = text.trim().startsWith('{')
          ? createLocalJWKSet(JSON.parse(text) as JSONWebKeySet)
          : importSPKI(text, 'EdDSA').catch(() => importSPKI(text, 'RS256'));
      } else throw new Error('LEDGER_JWT_ISSUER needs LEDGER_JWT_JWKS_URL or LEDGER_JWT_PUBLIC_KEY_FILE');
    }
  }

  /**
   * The one place that resolves the caller of a request, called once per request from the
   * onRequest hook (before any body is read). Today the Authorization header; a cookie session
   * (the web pages) resolves here too, so that every route sees the same caller.
   */
  async authenticateRequest(request: {
    headers: Record<string, string | string[] | undefined>;
  }): Promise<Caller> {
    const authorization = request.headers.authorization;
    return this.authenticate(Array.isArray(authorization) ? authorization.join(',') : authorization);
  }

  async authenticate(authorization: string | undefined): Promise<Caller> {
    if (authorization === undefined || authorization === '') return ANONYMOUS;
    // The scheme is case-insensitive (RFC 9110). A bearer token of a shape no key or JWT has is
    // called unknown, as a well-formed one is: it is the token that is wrong, not the header.
    const match = /^Bearer +(\S+)$/i.exec(authorization);
    if (!match)
      throw new ProblemException(
        'unauthorized',
        'The Authorization header must be "Bearer <token>" (an API key or a JWT); no other scheme is taken',
      );
    if (!/^[A-Za-z0-9._~+/=-]{16,4096}$/.test(match[1])) throw unknownToken();
    return (await this.credentialOf(match[1])).caller;
  }

  /** A token signed in with on the pages: its caller, and what a session keeps to check it again. */
  async signIn(token: string): Promise<SessionCredential> {
    return this.credentialOf(token);
  }

  /**
   * Whether a session's credential still holds, as a request bearing it would be judged now: the
   * API key is still in the file with the same name and role (a revoked key ends every session
   * signed in with it, at its next use, without a restart), or the JWT has not expired.
   */
  stillHolds(credential: SessionCredential): boolean {
    if (credential.keyDigest) {
      const key = this.keys.find(credential.keyDigest);
      return key?.name === credential.caller.name && key.role === credential.caller.role;
    }
    return credential.expiresAt !== undefined && Date.now() < credential.expiresAt;
  }

  private async credentialOf(token: string): Promise<SessionCredential> {
    const digest = createHash('sha256').update(token, 'utf8').digest();
    const key = this.keys.find(digest);
    if (key) return { caller: { name: key.name, role: key.role, via: 'api-key' }, keyDigest: digest };
    if (this.jwtKey && token.split('.').length === 3) return this.verifyJwt(token);
    throw unknownToken();
  }

  onModuleDestroy(): void {
    this.keys.close();
  }

  private async verifyJwt(token: string): Promise<SessionCredential> {
    try {
      const key = await this.jwtKey;
      // exp is required: a token without it would be valid forever.
      const { payload } = await jwtVerify(token, key as KeyLike, {
        issuer: this.config.LEDGER_JWT_ISSUER,
        audience: this.config.LEDGER_JWT_AUDIENCE,
        requiredClaims: ['exp'],
      });
      const maxLifetime = this.config.LEDGER_JWT_MAX_LIFETIME_SECONDS;
      const issuedAt = typeof payload.iat === 'number' ? payload.iat : Math.floor(Date.now() / 1000);
      if ((payload.exp as number) - issuedAt > maxLifetime)
        throw new Error(
          `its lifetime (exp - iat) is over ${maxLifetime} seconds (LEDGER_JWT_MAX_LIFETIME_SECONDS)`,
        );
      const role = payload[this.config.LEDGER_JWT_ROLE_CLAIM];
      // A string, and one of ours: an array (["clerk"]) or an object is not a role.
      if (typeof role !== 'string' || !ROLES.has(role))
        throw new Error(
          `the token has no ${this.config.LEDGER_JWT_ROLE_CLAIM} claim of clerk or auditor (a single string)`,
        );
      return {
        caller: { name: String(payload.sub ?? 'unknown'), role: role as ApiKey['role'], via: 'jwt' },
        expiresAt: (payload.exp as number) * 1000,
      };
    } catch (error) {
      throw new ProblemException('unauthorized', `The JWT was refused: ${(error as Error).message}`);
    }
  }
}

function unknownToken(): ProblemException {
  return new ProblemException('unauthorized', 'The bearer token is not a known API key or a valid JWT');
}
