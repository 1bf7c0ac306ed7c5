// At start-up, before serving: seal a log that is not yet under this server's key, when it can be
// verified first. A log from before the chain was keyed (the migration marked it) is checked with
// its plain SHA-256 chain; a log signed with the previous secret is checked with
// TOLLGATE_PREVIOUS_SECRET. Every outcome is logged; a seal is also an audit entry. Replicas that
// start together queue on the chain's lock, and the later ones find nothing left to do.
import type { Db } from "../db";
import { db } from "../db";
import { logger } from "../logger";
import { LEGACY_KEY_ID, readCheckpoint } from "./audit-checkpoint";
import { currentAuditKeys, previousAuditKeys, type AuditKeys } from "./audit-key";
import { sealAuditChain, type SealMode, type SealOutcome } from "./seal-audit-chain";

export type StartSealResult = "none" | "sealed" | "not_verified" | "key_mismatch";

const SYSTEM_ACTOR = { actorType: "system" as const, actorId: "tollgate", actorEmail: null, ip: null, userAgent: null };

function report(mode: SealMode, outcome: SealOutcome): StartSealResult {
  const log = logger();
  if (outcome.sealed) {
    log.info({ mode, rows: outcome.rows, eventId: outcome.eventId, previousHead: outcome.previousHead, head: outcome.head }, "audit.chain_resealed");
    return "sealed";
  }
  if (outcome.why === "not_needed") return "none";
  log.error(
    { mode, verify: outcome.verify },
    mode === "legacy"
      ? "audit.chain_not_sealed: the audit log from before the keyed chain does not verify, so it was not sealed and appends are refused. Look at it (GET /api/admin/audit-log/verify), then re-seal it as it is (POST /api/admin/audit-log/reseal)."
      : "audit.chain_not_sealed: the audit log does not verify under TOLLGATE_PREVIOUS_SECRET, so it was not re-sealed and appends are refused. Look at it, then re-seal it as it is (POST /api/admin/audit-log/reseal).",
  );
  return "not_verified";
}

export interface StartSealOptions {
  orgId: string;
  root?: Db;
  /** This server's keys and those of TOLLGATE_PREVIOUS_SECRET; from the environment by default. */
  keys?: AuditKeys;
  previousKeys?: AuditKeys | null;
}

export async function sealAuditChainAtStart(options: StartSealOptions): Promise<StartSealResult> {
  const root = options.root ?? db();
  const checkpoint = await readCheckpoint(root);
  const keys = options.keys ?? currentAuditKeys();
  if (!checkpoint) return "none";
  if (checkpoint.keyId === LEGACY_KEY_ID) {
    return report("legacy", await sealAuditChain({ mode: "legacy", orgId: options.orgId, actor: SYSTEM_ACTOR, root, keys }));
  }
  const previousKeys = options.previousKeys === undefined ? previousAuditKeys() : options.previousKeys;
  if (checkpoint.keyId === keys.keyId) {
    if (previousKeys) logger().warn("TOLLGATE_PREVIOUS_SECRET is set, but the audit log is already sealed with TOLLGATE_SECRET: remove it.");
    return "none";
  }
  if (previousKeys?.keyId === checkpoint.keyId) {
    return report("rotation", await sealAuditChain({ mode: "rotation", orgId: options.orgId, actor: SYSTEM_ACTOR, root, keys, previousKeys }));
  }
  logger().error(
    { checkpointKeyId: checkpoint.keyId, keyId: keys.keyId, previousKeyId: previousKeys?.keyId ?? null },
    "audit.key_mismatch: the audit log was sealed with another TOLLGATE_SECRET, so it cannot be verified and appends are refused. Start once with that secret in TOLLGATE_PREVIOUS_SECRET to re-seal it, or, if it is lost, re-seal the log as it is (POST /api/admin/audit-log/reseal).",
  );
  return "key_mismatch";
}
