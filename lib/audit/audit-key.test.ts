import { describe, expect, it } from "vitest";
import { keyedRowHasher, legacyRowHash, type AuditHashInput } from "./audit-hash";
import { deriveAuditKeys } from "./audit-key";

const secret = "0123456789abcdef0123456789abcdef";
const row: AuditHashInput = {
  id: 7, orgId: "o", actorType: "user", actorId: "u", actorEmail: "e@x", action: "team.update", targetType: "team", targetId: "t",
  before: '{"a":1}', after: '{"a":2}', ip: "10.0.0.1", userAgent: "ua", createdAt: new Date("2026-12-03T10:00:00.123Z"), prevHash: "0".repeat(64),
};

describe("deriveAuditKeys", () => {
  it("derives the same keys from the same secret, and separate keys for rows, checkpoint and id", () => {
    const keys = deriveAuditKeys(secret);
    expect(deriveAuditKeys(secret)).toEqual(keys);
    expect(keys.rowKey).toHaveLength(32);
    expect(keys.checkpointKey).toHaveLength(32);
    expect(keys.rowKey.equals(keys.checkpointKey)).toBe(false);
    expect(keys.keyId).toMatch(/^[0-9a-f]{16}$/);
    // Nothing derived is the secret or a plain hash of it (what secret-box.ts uses for credentials).
    for (const key of [keys.rowKey, keys.checkpointKey]) expect(key.toString("utf8")).not.toContain(secret);
  });

  it("gives another secret other keys and another key id", () => {
    const a = deriveAuditKeys(secret);
    const b = deriveAuditKeys(`${secret}x`);
    expect(a.rowKey.equals(b.rowKey)).toBe(false);
    expect(a.keyId).not.toBe(b.keyId);
  });
});

describe("row hashes", () => {
  it("are an HMAC under the row key: another key or the plain SHA-256 gives another hash", () => {
    const hash = keyedRowHasher(deriveAuditKeys(secret).rowKey)(row);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(keyedRowHasher(deriveAuditKeys(`${secret}x`).rowKey)(row)).not.toBe(hash);
    expect(legacyRowHash(row)).not.toBe(hash);
  });

  it("cover every column: changing any one of them changes the hash", () => {
    const hasher = keyedRowHasher(deriveAuditKeys(secret).rowKey);
    const hash = hasher(row);
    const variants: Partial<AuditHashInput>[] = [
      { id: 8 }, { orgId: "p" }, { actorType: "system" }, { actorId: null }, { actorEmail: "f@x" }, { action: "team.delete" }, { targetType: null },
      { targetId: "t2" }, { before: null }, { after: '{"a":3}' }, { ip: null }, { userAgent: "ub" }, { createdAt: new Date(row.createdAt.getTime() + 1) }, { prevHash: "1".repeat(64) },
    ];
    for (const change of variants) expect(hasher({ ...row, ...change }), JSON.stringify(change)).not.toBe(hash);
  });
});
