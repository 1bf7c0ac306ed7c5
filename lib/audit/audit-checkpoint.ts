// The checkpoint: the chain's row count and newest row (id and hash), signed with a key derived from
// TOLLGATE_SECRET and stored in its own table. Row hashes alone cannot show that the newest rows
// were deleted (what is left still links up) or that rows were appended by someone who also wrote
// valid-looking hashes; comparing the table with the signed head can. Every append rewrites the
// checkpoint in the same transaction (append-audit.ts).
import { createHmac, timingSafeEqual } from "node:crypto";
import type { DbClient } from "../db";
import type { AuditKeys } from "./audit-key";

/** One chain per database, so one checkpoint row. */
export const CHECKPOINT_ID = 1;

/**
 * keyId of the unsigned marker the migration that added checkpoints left in a database that
 * already had audit rows: the log still uses the unkeyed chain and is sealed at the next start.
 */
export const LEGACY_KEY_ID = "legacy-sha256";

export interface CheckpointState {
  rowCount: number;
  headId: number;
  headHash: string;
  keyId: string;
  updatedAt: Date;
}

export interface StoredCheckpoint extends CheckpointState {
  signature: string;
}

function signatureOf(state: CheckpointState, keys: AuditKeys): string {
  const content = JSON.stringify(["tollgate-audit-checkpoint-v1", CHECKPOINT_ID, state.rowCount, state.headId, state.headHash, state.keyId, state.updatedAt.toISOString()]);
  return createHmac("sha256", keys.checkpointKey).update(content).digest("hex");
}

/** Whether the stored signature is the one these keys give (constant-time comparison). */
export function checkpointSignatureValid(checkpoint: StoredCheckpoint, keys: AuditKeys): boolean {
  if (checkpoint.keyId !== keys.keyId) return false;
  const expected = Buffer.from(signatureOf(checkpoint, keys), "hex");
  const actual = Buffer.from(checkpoint.signature, "hex");
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export async function readCheckpoint(client: DbClient): Promise<StoredCheckpoint | null> {
  return client.auditCheckpoint.findUnique({
    where: { id: CHECKPOINT_ID },
    select: { rowCount: true, headId: true, headHash: true, keyId: true, updatedAt: true, signature: true },
  });
}

/** Signs and stores the new head. Call inside the transaction that wrote the rows it describes. */
export async function writeCheckpoint(client: DbClient, head: Omit<CheckpointState, "keyId">, keys: AuditKeys): Promise<StoredCheckpoint> {
  const state: CheckpointState = { ...head, keyId: keys.keyId };
  const data = { ...state, signature: signatureOf(state, keys) };
  await client.auditCheckpoint.upsert({ where: { id: CHECKPOINT_ID }, create: { id: CHECKPOINT_ID, ...data }, update: data });
  return data;
}
