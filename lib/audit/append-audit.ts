// Appending to the chain: read the tip, hash the new row onto it (id = tip id + 1), insert. The id
// is the primary key and `prevHash` is unique, so when two writers (two processes, or two app
// instances on one PostgreSQL) build on the same tip only one insert succeeds; the loser re-reads
// the tip and tries again. Within one process appends are queued so they never race each other.
import type { DbClient } from "../db";
import { db } from "../db";
import { isUniqueViolation } from "../http/prisma-errors";
import { auditRowHash, GENESIS_HASH } from "./audit-hash";
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

/** Enough for dozens of writers landing on one tip at once; beyond that something else is wrong. */
const MAX_ATTEMPTS = 60;

const globalForAudit = globalThis as unknown as { tollgateAuditQueue?: Promise<unknown> };

async function currentTip(client: DbClient): Promise<{ id: number; hash: string }> {
  const tip = await client.auditLog.findFirst({ orderBy: { id: "desc" }, select: { id: true, hash: true } });
  return tip ?? { id: 0, hash: GENESIS_HASH };
}

function backoff(attempt: number): Promise<void> {
  // Random spread so the losers of one round do not collide again in the next.
  const ms = Math.random() * Math.min(50, 2 + attempt * 3);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function clip(value: string | null | undefined, max: number): string | null {
  if (value === undefined || value === null || value === "") return null;
  return value.length > max ? value.slice(0, max) : value;
}

/**
 * One append with optimistic retries on a lost race for the tip, without the in-process queue.
 * Exported for the concurrency test that plays several processes; everything else uses appendAudit.
 */
export async function appendAuditUnqueued(entry: AuditEntry, client: DbClient = db()): Promise<AppendedAudit> {
  const content = {
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
  for (let attempt = 1; ; attempt++) {
    const tip = await currentTip(client);
    const row = { ...content, id: tip.id + 1, createdAt: new Date(), prevHash: tip.hash };
    const hash = auditRowHash(row);
    try {
      return await client.auditLog.create({ data: { ...row, hash }, select: { id: true, hash: true } });
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= MAX_ATTEMPTS) throw error;
      await backoff(attempt);
    }
  }
}

/** Appends one row to the audit chain (queued per process, retried across processes). */
export function appendAudit(entry: AuditEntry): Promise<AppendedAudit> {
  const previous = globalForAudit.tollgateAuditQueue ?? Promise.resolve();
  const result = previous.then(() => appendAuditUnqueued(entry));
  // The queue must keep moving after a failed append; the caller still sees the failure.
  globalForAudit.tollgateAuditQueue = result.catch(() => undefined);
  return result;
}
