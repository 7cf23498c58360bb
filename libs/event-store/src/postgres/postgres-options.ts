/** How a PostgresEventStore is opened; what is left out takes the default set in its constructor. */
export interface PostgresEventStoreOptions {
  /** A postgres:// URL; several hosts with `target_session_attrs=read-write` for failover. */
  url: string;
  maxEventBytes?: number;
  pageSize?: number;
  /** Commit the appends that queue while a commit is in flight together (default true). */
  groupCommit?: boolean;
  /** A live subscription also looks for appends this often, should a notification be lost (ms). */
  pollIntervalMs?: number;
  /** How long appends and subscriptions retry through a lost connection (a failover) before failing (ms). */
  reconnectTimeoutMs?: number;
  maxConnections?: number;
  /** How its connections show in pg_stat_activity (default `governance-ledger`). */
  applicationName?: string;
  clock?: () => Date;
}
