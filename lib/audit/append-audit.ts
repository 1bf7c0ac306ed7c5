// Appending to the chain, in one transaction holding the chain's write lock (audit-write-lock.ts):
// read the signed checkpoint, check that it is intact and still describes the newest row, build the
// new row on it (id = head id + 1, prevHash = head hash, hash = HMAC under the row key), insert it
// and sign the new head. Building on the checkpoint rather than on whatever row is newest is what
// keeps a deletion of the newest rows from being papered over by the next append. Within one
// process appends are also queued, so a burst of them does not hold every pooled connection.
import type { DbClient } from "../db";
import { keyedRowHasher, GENESIS_HASH } from "./audit-hash";
import { AuditChainError } from "./audit-chain-error";
import { checkpointSignatureValid, LEGACY_KEY_ID, readCheckpoint, writeCheckpoint } from "./audit-checkpoint";
import { currentAuditKeys, type AuditKeys } from "./audit-key";
import { withAuditWriteLock } from "./audit-write-lock";
import { serializeSnapshot } from "./mask-secrets";

export type AuditActorType = "user" | "admin-api-key" | "system" | "anonymous";

export interface AuditEntry {
  orgId: string;
  actorType: AuditActorType;
  actorId?: string | null;
  actorEmail?: string | null;
  /** "<domain>.<verb>", e.g. "team.create", "auth.sign_in_failed". */
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  /** Plain JSON-able snapshots; secrets are masked before they are stored. */
  before?: unknown;
  after?: unknown;
  ip?: string | null;
  userAgent?: string | null;
}

export interface AppendedAudit {
  id: number;
  hash: string;
}

export interface ChainHead {
  id: number;
  hash: string;
  rowCount: number;
}

const globalForAudit = globalThis as unknown as { tollgateAuditQueue?: Promise<unknown> };

function clip(value: string | null | undefined, max: number): string | null {
  if (value === undefined || value === null || value === "") return null;
  return value.length > max ? value.slice(0, max) : value;
}

function rowContent(entry: AuditEntry) {
  return {
    orgId: entry.orgId,
    actorType: entry.actorType,
    actorId: clip(entry.actorId, 200),
    actorEmail: clip(entry.actorEmail, 320),
    action: entry.action,
    targetType: clip(entry.targetType, 100),
    targetId: clip(entry.targetId, 200),
    before: serializeSnapshot(entry.before),
    after: serializeSnapshot(entry.after),
    ip: clip(entry.ip, 100),
    userAgent: clip(entry.userAgent, 500),
  };
}

/** The head to build on: the checkpoint's, once it is known to be intact and current. */
async function headToExtend(tx: DbClient, keys: AuditKeys): Promise<ChainHead> {
  const checkpoint = await readCheckpoint(tx);
  const newest = await tx.auditLog.findFirst({ orderBy: { id: "desc" }, select: { id: true, hash: true } });
  if (!checkpoint) {
    if (!newest) return { id: 0, hash: GENESIS_HASH, rowCount: 0 };
    throw new AuditChainError("checkpoint_missing", "The audit log has rows but no checkpoint: it was deleted. Appends are refused until an admin verifies and re-seals the log.");
  }
  if (checkpoint.keyId === LEGACY_KEY_ID) {
    throw new AuditChainError("chain_unsealed", "The audit log still uses the unkeyed chain; it is sealed at start-up once it verifies. See the start-up log.");
  }
  if (checkpoint.keyId !== keys.keyId) {
    throw new AuditChainError("key_mismatch", `The audit checkpoint was signed with another TOLLGATE_SECRET (key ${checkpoint.keyId}, this server has ${keys.keyId}). Set TOLLGATE_PREVIOUS_SECRET and restart to re-seal it.`);
  }
  if (!checkpointSignatureValid(checkpoint, keys)) {
    throw new AuditChainError("checkpoint_invalid", "The audit checkpoint's signature does not verify: it was altered. Appends are refused until an admin verifies and re-seals the log.");
  }
  if (newest?.id !== checkpoint.headId || newest.hash !== checkpoint.headHash) {
    throw new AuditChainError(
      "checkpoint_mismatch",
      `The newest audit row (${newest ? `#${newest.id}` : "none"}) is not the head the checkpoint signed (#${checkpoint.headId}): rows were deleted or added outside Tollgate. Appends are refused until an admin verifies and re-seals the log.`,
    );
  }
  return { id: checkpoint.headId, hash: checkpoint.headHash, rowCount: checkpoint.rowCount };
}

/**
 * Writes the row after `head` (id = head.id + 1, linked to head.hash) and signs it as the new head.
 * The seal passes a head whose id is past the newest row, so that ids of deleted rows are not reused.
 */
export async function appendOnHead(tx: DbClient, entry: AuditEntry, head: ChainHead, keys: AuditKeys): Promise<AppendedAudit> {
  const row = { ...rowContent(entry), id: head.id + 1, createdAt: new Date(), prevHash: head.hash };
  const hash = keyedRowHasher(keys.rowKey)(row);
  await tx.auditLog.create({ data: { ...row, hash }, select: { id: true } });
  await writeCheckpoint(tx, { rowCount: head.rowCount + 1, headId: row.id, headHash: hash, updatedAt: row.createdAt }, keys);
  return { id: row.id, hash };
}

/** Appends inside a transaction that already holds the chain's write lock. */
export async function appendAuditLocked(tx: DbClient, entry: AuditEntry, keys: AuditKeys = currentAuditKeys()): Promise<AppendedAudit> {
  return appendOnHead(tx, entry, await headToExtend(tx, keys), keys);
}

/**
 * One append without the in-process queue: in its own locked transaction, or inside `tx` when the
 * caller already holds the lock. Exported for the tests that play several processes.
 */
export function appendAuditUnqueued(entry: AuditEntry, tx?: DbClient): Promise<AppendedAudit> {
  if (tx) return appendAuditLocked(tx, entry);
  return withAuditWriteLock((locked) => appendAuditLocked(locked, entry));
}

/** Appends one row to the audit chain (queued per process, locked across processes). */
export function appendAudit(entry: AuditEntry): Promise<AppendedAudit> {
  const previous = globalForAudit.tollgateAuditQueue ?? Promise.resolve();
  const result = previous.then(() => appendAuditUnqueued(entry));
  // The queue must keep moving after a failed append; the caller still sees the failure.
  globalForAudit.tollgateAuditQueue = result.catch(() => undefined);
  return result;
}
