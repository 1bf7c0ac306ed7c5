// Sealing re-hashes the whole log under the current key and signs a new checkpoint, then appends
// an "audit.chain_resealed" entry that says what was sealed and what the head was before, all in
// one locked transaction. Three occasions:
//   legacy    a log from before the chain was keyed: sealed at start-up once its plain SHA-256
//             chain verifies (seal-audit-chain-at-start.ts);
//   rotation  after TOLLGATE_SECRET changed: sealed at start-up once the chain verifies under
//             TOLLGATE_PREVIOUS_SECRET;
//   accept    an admin seals a log that does not verify, as it is (POST /api/admin/audit-log/reseal);
//             the entry records the break that was accepted, so it stays on the record.
// A log that does not verify is never sealed on its own: that would sign over the tampering.
import type { Db, DbClient } from "../db";
import { db } from "../db";
import { GENESIS_HASH, keyedRowHasher } from "./audit-hash";
import { checkpointSignatureValid, LEGACY_KEY_ID, readCheckpoint } from "./audit-checkpoint";
import { currentAuditKeys, type AuditKeys } from "./audit-key";
import { appendOnHead, type AuditEntry } from "./append-audit";
import { isPostgresRoot, withAuditWriteLock } from "./audit-write-lock";
import { rewriteAuditHashes } from "./rewrite-audit-hashes";
import type { AuditVerifyFailure, AuditVerifyResult } from "./schemas";
import { verifyAuditChain } from "./verify-audit-chain";
import type { ChainLink } from "./walk-audit-chain";

export const AUDIT_CHAIN_RESEALED = "audit.chain_resealed";

export type SealMode = "legacy" | "rotation" | "accept";

export interface SealRequest {
  mode: SealMode;
  orgId: string;
  actor: Pick<AuditEntry, "actorType" | "actorId" | "actorEmail" | "ip" | "userAgent">;
  /** rotation only: the keys of TOLLGATE_PREVIOUS_SECRET. */
  previousKeys?: AuditKeys;
  keys?: AuditKeys;
  root?: Db;
}

export type SealOutcome =
  | { sealed: true; rows: number; eventId: number; head: ChainLink; previousHead: ChainLink | null; accepted: AuditVerifyFailure | null }
  /** not_needed: nothing of this kind to seal (another replica did it, or the chain verifies). */
  | { sealed: false; why: "not_needed" | "not_verified"; verify: AuditVerifyResult | null };

/** A re-seal of millions of rows takes minutes; the lock holds appends from other replicas that long. */
const SEAL_TIMEOUT_MS = 30 * 60_000;

/** The seal inside a transaction that already holds the chain's write lock. */
export async function sealAuditChainLocked(tx: DbClient, request: SealRequest, postgres: boolean): Promise<SealOutcome> {
  const keys = request.keys ?? currentAuditKeys();
  const checkpoint = await readCheckpoint(tx);
  let accepted: AuditVerifyFailure | null = null;
  if (request.mode === "legacy") {
    if (checkpoint?.keyId !== LEGACY_KEY_ID) return { sealed: false, why: "not_needed", verify: null };
    const verify = await verifyAuditChain({ client: tx, keys });
    if (verify.ok || verify.reason !== "chain_unsealed") return { sealed: false, why: "not_verified", verify };
  } else if (request.mode === "rotation") {
    const previousKeys = request.previousKeys;
    if (!previousKeys || checkpoint?.keyId !== previousKeys.keyId) return { sealed: false, why: "not_needed", verify: null };
    const verify = await verifyAuditChain({ client: tx, keys: previousKeys });
    if (!verify.ok) return { sealed: false, why: "not_verified", verify };
  } else {
    const verify = await verifyAuditChain({ client: tx, keys });
    if (verify.ok) return { sealed: false, why: "not_needed", verify };
    accepted = verify;
  }

  const newest = await tx.auditLog.findFirst({ orderBy: { id: "desc" }, select: { id: true, hash: true } });
  const { rows, head } = await rewriteAuditHashes(tx, keyedRowHasher(keys.rowKey), postgres);
  // The seal's entry goes after the newest id the log ever had, table or signed checkpoint: after a
  // truncation the deleted ids stay unused (an accepted gap), so an anchor taken on one of them
  // reports the row as gone rather than comparing it with another entry. An unsigned or forged
  // checkpoint's head is not trusted for this.
  const signed = checkpoint && [keys, request.previousKeys].some((k) => k && checkpointSignatureValid(checkpoint, k));
  const lastId = Math.max(head?.id ?? 0, signed ? checkpoint.headId : 0);
  const event = await appendOnHead(
    tx,
    {
      orgId: request.orgId,
      ...request.actor,
      action: AUDIT_CHAIN_RESEALED,
      targetType: "audit_log",
      targetId: null,
      after: {
        mode: request.mode,
        verified: request.mode !== "accept",
        rows,
        previousHead: newest,
        previousKeyId: checkpoint?.keyId ?? null,
        keyId: keys.keyId,
        accepted: accepted && { reason: accepted.reason, firstBrokenId: accepted.firstBrokenId, message: accepted.message },
      },
    },
    { id: lastId, hash: head?.hash ?? GENESIS_HASH, rowCount: rows },
    keys,
  );
  return { sealed: true, rows, eventId: event.id, head: event, previousHead: newest, accepted };
}

export function sealAuditChain(request: SealRequest): Promise<SealOutcome> {
  const root = request.root ?? db();
  return withAuditWriteLock((tx) => sealAuditChainLocked(tx, request, isPostgresRoot(root)), { root, timeoutMs: SEAL_TIMEOUT_MS });
}
