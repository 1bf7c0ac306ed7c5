// The audit chain's keys. Both are derived from TOLLGATE_SECRET (or the generated ./data/secret.key)
// with HKDF-SHA256 under fixed labels, so they are never stored anywhere: whoever can write to the
// database but does not know the secret cannot compute a row hash or a checkpoint signature.
// One key chains the rows, another signs the checkpoint; the key id is a third derivation, safe to
// show, that tells "signed with another secret" apart from "tampered with".
import { hkdfSync } from "node:crypto";
import { env } from "../env";
import { tollgateSecret } from "../crypto/tollgate-secret";

export interface AuditKeys {
  /** HMAC-SHA256 key of every row's hash. */
  rowKey: Buffer;
  /** HMAC-SHA256 key of the checkpoint's signature. */
  checkpointKey: Buffer;
  /** 16 hex characters naming the secret the keys came from (shown in verify results and logs). */
  keyId: string;
}

const SALT = "tollgate-audit-chain";

function derive(secret: string, label: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, SALT, label, 32));
}

export function deriveAuditKeys(secret: string): AuditKeys {
  return {
    rowKey: derive(secret, "row-hash-v1"),
    checkpointKey: derive(secret, "checkpoint-signature-v1"),
    keyId: derive(secret, "key-id-v1").toString("hex").slice(0, 16),
  };
}

const derived = new Map<string, AuditKeys>();

function memoized(secret: string): AuditKeys {
  let keys = derived.get(secret);
  if (!keys) {
    keys = deriveAuditKeys(secret);
    derived.set(secret, keys);
  }
  return keys;
}

/** The keys of this server's TOLLGATE_SECRET: every append and every verify uses them. */
export function currentAuditKeys(): AuditKeys {
  return memoized(tollgateSecret());
}

/**
 * The keys of TOLLGATE_PREVIOUS_SECRET, set for one start after rotating TOLLGATE_SECRET: the chain
 * signed with them is verified and re-sealed under the current keys (seal-audit-chain-at-start.ts).
 */
export function previousAuditKeys(): AuditKeys | null {
  const previous = env().TOLLGATE_PREVIOUS_SECRET;
  return previous ? memoized(previous) : null;
}
