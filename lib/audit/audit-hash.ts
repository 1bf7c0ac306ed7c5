// Row hashes of the audit chain. Each row's hash covers every column (its id included) plus the
// previous row's hash, so changing any column, deleting a row or splicing one in breaks the chain
// at that point. The hash is an HMAC under a key derived from TOLLGATE_SECRET (audit-key.ts): with
// a plain hash, anyone who can write to the table could re-hash a changed tail or append rows that
// verify. Logs written before the chain was keyed used plain SHA-256 ("v1"); that form is kept only
// to verify such a log once before it is re-sealed (seal-audit-chain.ts).
import { createHash, createHmac } from "node:crypto";

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

export type RowHasher = (row: AuditHashInput) => string;

/**
 * A JSON array in a fixed column order: unambiguous (no separator a value could contain) and the
 * same on every database, as long as createdAt keeps millisecond precision (both drivers do).
 */
export function canonicalAuditContent(row: AuditHashInput, version: "v1" | "v2"): string {
  return JSON.stringify([
    `tollgate-audit-${version}`,
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

/** The unkeyed hash of logs written before the chain was keyed: read-only, for the one-time seal. */
export const legacyRowHash: RowHasher = (row) => createHash("sha256").update(canonicalAuditContent(row, "v1")).digest("hex");

/** HMAC-SHA256 of the row under the chain's row key. */
export function keyedRowHasher(rowKey: Buffer): RowHasher {
  return (row) => createHmac("sha256", rowKey).update(canonicalAuditContent(row, "v2")).digest("hex");
}
