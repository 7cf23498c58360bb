import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
  validateSync,
} from 'class-validator';

/**
 * Every setting of the ledger, read from the environment and validated at start. A bad setting
 * stops the service with a message naming it (see ConfigError); nothing starts half-configured.
 */
export class LedgerConfig {
  /** Which event store: the embedded SQLite file, PostgreSQL, or an EventStoreDB/KurrentDB cluster. */
  @IsIn(['sqlite', 'postgres', 'eventstoredb'])
  LEDGER_STORE: 'sqlite' | 'postgres' | 'eventstoredb' = 'sqlite';

  /** The SQLite file (events on the embedded store; read models on both). */
  @IsString()
  @MinLength(1)
  LEDGER_DB_PATH: string = './data/ledger.db';

  /** FULL: an acknowledged append survives power loss. NORMAL: faster; may lose the last commits on power loss. */
  @IsIn(['FULL', 'NORMAL', 'OFF'])
  LEDGER_SQLITE_SYNCHRONOUS: 'FULL' | 'NORMAL' | 'OFF' = 'FULL';

  @IsInt()
  @Min(1024)
  @Max(16 * 1024 * 1024)
  LEDGER_MAX_EVENT_BYTES: number = 256 * 1024;

  @ValidateIf(
    (c: LedgerConfig) => c.LEDGER_STORE === 'eventstoredb' || c.EVENTSTORE_CONNECTION_STRING !== undefined,
  )
  @Matches(/^(esdb|kurrentdb)(\+discover)?:\/\/\S+$/, {
    message: 'EVENTSTORE_CONNECTION_STRING must be an esdb:// (or esdb+discover://) connection string',
  })
  EVENTSTORE_CONNECTION_STRING?: string;

  /**
   * postgres://user:password@host:port/database; several hosts (h1:5432,h2:5432) with
   * ?target_session_attrs=read-write to follow the primary through a failover.
   */
  @ValidateIf((c: LedgerConfig) => c.LEDGER_STORE === 'postgres' || c.DATABASE_URL !== undefined)
  @Matches(/^postgres(ql)?:\/\/[^\s/?#]+(:\d+)?(,[^\s/?#,]+)*\/[A-Za-z0-9_$-]+(\?\S*)?$/, {
    message:
      'DATABASE_URL must be a postgres:// URL with a host and a database (postgres://user@host:5432/ledger; several hosts as host1:5432,host2:5432)',
  })
  DATABASE_URL?: string;

  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  @IsString()
  HOST: string = '0.0.0.0';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  /** JSON for machines (default when NODE_ENV=production), pretty for people (default otherwise). */
  @IsOptional()
  @IsIn(['json', 'pretty'])
  LOG_FORMAT?: 'json' | 'pretty';

  @IsOptional()
  @IsString()
  NODE_ENV?: string;

  /** An Ed25519 private key (PEM) that signs tree heads; unsigned checkpoints without it. */
  @IsOptional()
  @IsString()
  LEDGER_SIGNING_KEY_FILE?: string;

  /** A JSON file of API keys: [{ "name", "role": "clerk" | "auditor", "sha256": hex of the token }]. */
  @IsOptional()
  @IsString()
  LEDGER_API_KEYS_FILE?: string;

  /** JWTs are accepted when an issuer is set, checked against its JWKS URL or a public key file. */
  @IsOptional()
  @IsString()
  LEDGER_JWT_ISSUER?: string;

  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'LEDGER_JWT_JWKS_URL must be an http(s) URL' })
  LEDGER_JWT_JWKS_URL?: string;

  @IsOptional()
  @IsString()
  LEDGER_JWT_PUBLIC_KEY_FILE?: string;

  @IsOptional()
  @IsString()
  LEDGER_JWT_AUDIENCE?: string;

  /** The JWT claim that carries the role (clerk or auditor). */
  @IsString()
  LEDGER_JWT_ROLE_CLAIM: string = 'ledger_role';

  /** The longest lifetime (exp - iat, or exp - now without iat) of a JWT accepted; exp is required. */
  @IsInt()
  @Min(60)
  LEDGER_JWT_MAX_LIFETIME_SECONDS: number = 24 * 3600;

  /** Origins allowed by CORS, comma-separated; empty: no cross-origin access. */
  @IsString()
  LEDGER_CORS_ORIGINS: string = '';

  /** Requests a minute per API key (or per address for the public). */
  @IsInt()
  @Min(1)
  LEDGER_RATE_LIMIT_PER_MINUTE: number = 1200;

  @IsInt()
  @Min(1024)
  @Max(16 * 1024 * 1024)
  LEDGER_MAX_BODY_BYTES: number = 1024 * 1024;

  /** The largest document content a clerk may upload (PUT /documents/{id}/content). */
  @IsInt()
  @Min(1)
  @Max(1024 * 1024 * 1024)
  LEDGER_DOCUMENT_MAX_BYTES: number = 50 * 1024 * 1024;

  /** Where document content is kept, by its SHA-256; by default `documents/` beside the SQLite file. */
  @IsOptional()
  @IsString()
  LEDGER_DOCUMENTS_DIR?: string;

  /**
   * The largest body of a request without credentials. Every route that takes a body needs a
   * role, so the public's bodies are cut short before they cost any parsing.
   */
  @IsInt()
  @Min(0)
  @Max(1024 * 1024)
  LEDGER_MAX_PUBLIC_BODY_BYTES: number = 8 * 1024;

  /** Failed authentications a minute per address before it gets 429 (guessing tokens). */
  @IsInt()
  @Min(1)
  LEDGER_FAILED_AUTH_PER_MINUTE: number = 30;

  /** The whole request (headers and body) must arrive within this time, or the connection is closed with 408. */
  @IsInt()
  @Min(1000)
  @Max(600_000)
  LEDGER_REQUEST_TIMEOUT_MS: number = 30_000;

  /** Who may read /metrics: `local` (loopback addresses and callers with a token) or `public`. */
  @IsIn(['local', 'public'])
  LEDGER_METRICS_ACCESS: 'local' | 'public' = 'local';

  /**
   * A projection that keeps failing (retried with back-off) for longer than this counts as
   * stopped: /health fails, so that an orchestrator restarts the service.
   */
  @IsInt()
  @Min(1000)
  LEDGER_PROJECTION_STALLED_AFTER_MS: number = 5 * 60_000;

  /** Pause between two background passes of the integrity verifier over the whole ledger (each pass yields to requests page by page). */
  @IsInt()
  @Min(100)
  LEDGER_INTEGRITY_CHECK_INTERVAL_MS: number = 60_000;

  get logFormat(): 'json' | 'pretty' {
    return this.LOG_FORMAT ?? (this.NODE_ENV === 'production' ? 'json' : 'pretty');
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const KEYS = Object.keys(new LedgerConfig()).concat([
  'EVENTSTORE_CONNECTION_STRING',
  'DATABASE_URL',
  'LOG_FORMAT',
  'NODE_ENV',
  'LEDGER_SIGNING_KEY_FILE',
  'LEDGER_API_KEYS_FILE',
  'LEDGER_JWT_ISSUER',
  'LEDGER_JWT_JWKS_URL',
  'LEDGER_JWT_PUBLIC_KEY_FILE',
  'LEDGER_JWT_AUDIENCE',
]);

/** Reads the known settings from `env` (unset or empty means the default) and validates them. */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<LedgerConfig> = {},
): LedgerConfig {
  const raw: Record<string, unknown> = {};
  for (const key of KEYS) if (env[key] !== undefined && env[key] !== '') raw[key] = env[key];
  const config = plainToInstance(
    LedgerConfig,
    { ...raw, ...overrides },
    { enableImplicitConversion: true, exposeDefaultValues: true },
  );
  const errors = validateSync(config, { forbidUnknownValues: true });
  if (errors.length > 0) {
    throw new ConfigError(
      errors.flatMap((e) =>
        Object.values(e.constraints ?? {}).map(
          (message) => `${e.property}=${JSON.stringify(raw[e.property] ?? null)}: ${message}`,
        ),
      ),
    );
  }
  return config;
}
