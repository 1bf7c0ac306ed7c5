// The hash chain: each row's hash covers every column (its id included) plus the previous row's
// hash, so changing any column, deleting a row or splicing one in breaks the chain at that point.
// Ids are assigned by the appender as previous id + 1 (not by the database sequence), which is what
// lets the id be hashed and makes a deleted row visible as a gap as well.
import { createHash } from "node:crypto";

/** prevHash of the first row ever written. */
export const GENESIS_HASH = "0".repeat(64);

/** Every column a row's hash covers: all of them except the hash itself. */
export interface AuditHashInput {
  id: number;
  orgId: string;
  actorType: string;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  before: string | null;
  after: string | null;
  ip: string | null;
  userAgent: string | null;
  createdAt: Date;
  prevHash: string;
}

/**
 * A JSON array in a fixed column order: unambiguous (no separator a value could contain) and the
 * same on every database, as long as createdAt keeps millisecond precision (both drivers do).
 */
export function canonicalAuditContent(row: AuditHashInput): string {
  return JSON.stringify([
    "tollgate-audit-v1",
    row.id,
    row.orgId,
    row.actorType,
    row.actorId,
    row.actorEmail,
    row.action,
    row.targetType,
    row.targetId,
    row.before,
    row.after,
    row.ip,
    row.userAgent,
    row.createdAt.toISOString(),
    row.prevHash,
  ]);
}

export function auditRowHash(row: AuditHashInput): string {
  return createHash("sha256").update(canonicalAuditContent(row)).digest("hex");
}
