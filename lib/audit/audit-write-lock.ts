// Every write to the audit chain (an append, a re-seal) runs in one transaction that first takes
// the chain's write lock, so writers in other processes or on other replicas queue instead of
// racing: they all build on the checkpoint, and the checkpoint must move with the rows.
// PostgreSQL: an EXCLUSIVE table lock (readers, verify included, are not blocked). SQLite: the
// database's write lock, taken by a write before the first read (a deferred transaction that read
// first could not upgrade once another process has written).
import type { Db, DbClient } from "../db";
import { db, isPostgres } from "../db";

export interface AuditLockOptions {
  /** The root client (another database in tests); db() by default. */
  root?: Db;
  /** How long the transaction may run once it has the lock. */
  timeoutMs?: number;
}

/** Takes the lock inside an already open transaction. */
export async function lockAuditChain(tx: DbClient, postgres = isPostgres()): Promise<void> {
  if (postgres) await tx.$executeRawUnsafe('LOCK TABLE "AuditLog" IN EXCLUSIVE MODE');
  else await tx.$executeRawUnsafe('UPDATE "AuditCheckpoint" SET "id" = "id" WHERE 1 = 0');
}

/** Which database a root client talks to (tests pass clients of other databases than db()'s). */
export function isPostgresRoot(root: Db): boolean {
  return (root as unknown as { _activeProvider?: string })._activeProvider === "postgresql";
}

export function withAuditWriteLock<T>(fn: (tx: DbClient) => Promise<T>, options: AuditLockOptions = {}): Promise<T> {
  const root = options.root ?? db();
  const postgres = isPostgresRoot(root);
  return root.$transaction(
    async (tx) => {
      await lockAuditChain(tx, postgres);
      return fn(tx);
    },
    // Waiting for a pool connection and for the lock both count: a burst of appends from several
    // replicas queues here for a while, each holding the lock for a few milliseconds.
    { maxWait: 30_000, timeout: options.timeoutMs ?? 30_000 },
  );
}
