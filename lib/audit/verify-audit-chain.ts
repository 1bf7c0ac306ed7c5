// Verify: walk every row under the keyed hash, then compare where the walk ended with the signed
// checkpoint (missing newest rows, rows the checkpoint never covered), then, when the caller names
// one, with an anchor recorded outside the database. What this can and cannot detect is spelled
// out in docs/audit-log.md ("What verify detects").
import type { DbClient } from "../db";
import { db } from "../db";
import { keyedRowHasher, legacyRowHash } from "./audit-hash";
import { checkpointSignatureValid, LEGACY_KEY_ID, readCheckpoint, type StoredCheckpoint } from "./audit-checkpoint";
import { currentAuditKeys, type AuditKeys } from "./audit-key";
import type { AuditBreakReason, AuditCheckpointView, AuditVerifyResult } from "./schemas";
import { walkAuditChain, type ChainLink, type WalkPosition } from "./walk-audit-chain";

export interface VerifyOptions {
  client?: DbClient;
  pageSize?: number;
  /** The keys to verify with (the previous secret's, before a rotation's re-seal). */
  keys?: AuditKeys;
  anchor?: ChainLink;
}

/** Rounds of catching up with rows appended while verify walked; appends are rare, 5 is plenty. */
const CATCH_UP_ROUNDS = 5;

export function checkpointView(checkpoint: StoredCheckpoint | null, keys: AuditKeys): AuditCheckpointView | null {
  if (!checkpoint) return null;
  const { rowCount, headId, headHash, keyId, updatedAt } = checkpoint;
  return { rowCount, headId, headHash, keyId, updatedAt: updatedAt.toISOString(), signatureValid: checkpointSignatureValid(checkpoint, keys) };
}

const range = (first: number, last: number) => (first === last ? `row #${first}` : `rows #${first}–#${last}`);

/** What the checkpoint says about a walk that found every row in order. */
function compareWithCheckpoint(checkpoint: StoredCheckpoint | null, at: WalkPosition, keys: AuditKeys): { reason: AuditBreakReason; firstBrokenId: number; message: string } | null {
  const last = at.previous;
  if (!checkpoint) {
    if (at.checked === 0) return null;
    return { reason: "checkpoint_missing", firstBrokenId: last.id + 1, message: "The rows verify, but the signed checkpoint is gone: a deletion of the newest rows could not be seen. Re-seal the log once you have checked it." };
  }
  if (!checkpointSignatureValid(checkpoint, keys)) {
    return { reason: "checkpoint_invalid", firstBrokenId: last.id + 1, message: "The rows verify, but the checkpoint's signature does not: the checkpoint was altered." };
  }
  if (last.id < checkpoint.headId) {
    const where = last.id === 0 ? "the table is empty" : `its newest row is #${last.id}`;
    return {
      reason: "rows_truncated",
      firstBrokenId: last.id + 1,
      message: `The signed checkpoint says the log ends at row #${checkpoint.headId} (${checkpoint.rowCount} rows), but ${where}: the newest rows were deleted.`,
    };
  }
  if (last.id > checkpoint.headId) {
    return {
      reason: "checkpoint_mismatch",
      firstBrokenId: checkpoint.headId + 1,
      message: `${range(checkpoint.headId + 1, last.id)} carry valid hashes, but the signed checkpoint ends at row #${checkpoint.headId}: the checkpoint was put back to an older state.`,
    };
  }
  if (last.hash !== checkpoint.headHash || at.checked !== checkpoint.rowCount) {
    return {
      reason: "checkpoint_mismatch",
      firstBrokenId: last.id,
      message: `The newest row #${last.id} is not the head the checkpoint signed (hash or row count differs): the table and the checkpoint come from different states.`,
    };
  }
  return null;
}

/**
 * The marker the migration left names the unkeyed log's newest row at that moment. Rows appended
 * after it (by replicas still on the old version) are fine; fewer rows, or another hash at that
 * id, mean the log was cut or rewritten since.
 */
async function compareWithLegacyMarker(client: DbClient, marker: StoredCheckpoint, at: WalkPosition) {
  if (at.previous.id < marker.headId) {
    return { reason: "rows_truncated" as const, firstBrokenId: at.previous.id + 1, message: `The log ended at row #${marker.headId} when it was marked for sealing, but its newest row is now #${at.previous.id}: rows were deleted.` };
  }
  const row = await client.auditLog.findUnique({ where: { id: marker.headId }, select: { hash: true } });
  if (row?.hash !== marker.headHash) {
    return { reason: "checkpoint_mismatch" as const, firstBrokenId: marker.headId, message: `Row #${marker.headId} is not the row that was newest when the log was marked for sealing: the log was rewritten since.` };
  }
  return null;
}

async function anchorResult(client: DbClient, anchor: ChainLink) {
  const row = await client.auditLog.findUnique({ where: { id: anchor.id }, select: { hash: true } });
  const actualHash = row?.hash ?? null;
  return { id: anchor.id, hash: anchor.hash, actualHash, matches: actualHash === anchor.hash };
}

function anchorMessage(anchor: { id: number; actualHash: string | null }): string {
  if (anchor.actualHash === null) return `Row #${anchor.id}, recorded as an anchor, no longer exists: the log was rolled back or truncated since the anchor was taken.`;
  return `Row #${anchor.id} does not have the hash the anchor recorded: the log was rolled back or rewritten since (a re-seal also changes every hash; its audit.chain_resealed entry names the head it replaced).`;
}

export async function verifyAuditChain(options: VerifyOptions = {}): Promise<AuditVerifyResult> {
  const client = options.client ?? db();
  const keys = options.keys ?? currentAuditKeys();
  let checkpoint = await readCheckpoint(client);
  const anchor = options.anchor ? await anchorResult(client, options.anchor) : undefined;
  const context = () => ({ keyId: keys.keyId, checkpoint: checkpointView(checkpoint, keys), ...(anchor ? { anchor } : {}) });
  const fail = (checked: number, firstBrokenId: number, reason: AuditBreakReason, message: string): AuditVerifyResult => ({
    ok: false, checked, firstBrokenId, reason, message, ...context(),
  });

  if (checkpoint?.keyId === LEGACY_KEY_ID) {
    // Not sealed yet (start-up seals it once it verifies): check what the old chain can show.
    const { position, finding } = await walkAuditChain(client, { hasher: legacyRowHash, allowGaps: false, coveredThroughId: null, pageSize: options.pageSize });
    if (finding) return fail(position.checked, finding.id, finding.reason, `${finding.message} (The log still uses the unkeyed chain.)`);
    const marked = await compareWithLegacyMarker(client, checkpoint, position);
    if (marked) return fail(position.checked, marked.firstBrokenId, marked.reason, marked.message);
    return fail(position.checked, 1, "chain_unsealed", "The log still uses the unkeyed chain from before the key; it is re-sealed at start-up once it verifies. Restart Tollgate and look at its log.");
  }
  if (checkpoint && checkpoint.keyId !== keys.keyId) {
    return fail(0, 1, "key_mismatch", `The log was sealed with another secret (key ${checkpoint.keyId}; this server's is ${keys.keyId}): TOLLGATE_SECRET changed. Start once with the old secret in TOLLGATE_PREVIOUS_SECRET to re-seal it.`);
  }

  const hasher = keyedRowHasher(keys.rowKey);
  let walked = await walkAuditChain(client, { hasher, allowGaps: true, coveredThroughId: checkpoint?.headId ?? null, pageSize: options.pageSize });
  // Rows appended while the walk ran are covered by a newer checkpoint: follow it to its head.
  for (let round = 0; !walked.finding && round < CATCH_UP_ROUNDS; round++) {
    checkpoint = await readCheckpoint(client);
    const reached = walked.position.previous.id;
    if (!checkpoint || checkpoint.headId <= reached) break;
    walked = await walkAuditChain(client, { hasher, allowGaps: true, coveredThroughId: checkpoint.headId, from: walked.position, pageSize: options.pageSize });
    // Nothing more to read: the rows the checkpoint names are gone, not on their way.
    if (walked.position.previous.id === reached) break;
  }
  const { position, finding } = walked;
  if (finding) return fail(position.checked, finding.id, finding.reason, finding.message);
  const mismatch = compareWithCheckpoint(checkpoint, position, keys);
  if (mismatch) return fail(position.checked, mismatch.firstBrokenId, mismatch.reason, mismatch.message);
  if (anchor && !anchor.matches) return fail(position.checked, anchor.id, "anchor_mismatch", anchorMessage(anchor));
  const last = position.checked === 0 ? null : position.previous;
  return { ok: true, checked: position.checked, lastId: last?.id ?? null, lastHash: last?.hash ?? null, acceptedGaps: position.acceptedGaps, ...context() };
}
