import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { ensureDefaultOrg } from "../org/default-org";
import { uniqueSuffix } from "../../test/support/test-ids";
import { appendAudit, appendAuditUnqueued, type AuditEntry } from "./append-audit";
import { GENESIS_HASH, keyedRowHasher, legacyRowHash } from "./audit-hash";
import { checkpointSignatureValid, readCheckpoint } from "./audit-checkpoint";
import { currentAuditKeys } from "./audit-key";
import { MASK } from "./mask-secrets";
import { verifyAuditChain } from "./verify-audit-chain";

const auditRowHash = keyedRowHasher(currentAuditKeys().rowKey);

let orgId: string;
beforeAll(async () => {
  orgId = await ensureDefaultOrg();
});

const entry = (action: string, extra: Partial<AuditEntry> = {}): AuditEntry => ({
  orgId,
  actorType: "system",
  action,
  targetType: "test",
  targetId: uniqueSuffix(),
  ...extra,
});

/** Every row in id order must link to the one before it (the chain other files append to as well). */
async function expectUnbrokenChainThrough(ids: number[]) {
  const rows = await db().auditLog.findMany({ where: { id: { lte: Math.max(...ids) } }, orderBy: { id: "asc" } });
  let previous = { id: 0, hash: GENESIS_HASH };
  for (const row of rows) {
    expect(row.id).toBe(previous.id + 1);
    expect(row.prevHash).toBe(previous.hash);
    expect(auditRowHash(row)).toBe(row.hash);
    previous = row;
  }
}

describe("appendAudit", () => {
  it("stores the entry with masked snapshots and a hash over its content and the previous hash", async () => {
    const before = { name: "old", apiKey: "sk-before-secret" };
    const after = { name: "new", apiKey: "sk-after-secret", nested: { password: "pw" } };
    const { id, hash } = await appendAudit(entry("test.update", { before, after, ip: "10.1.2.3", userAgent: "vitest", actorEmail: "a@t.local" }));
    const row = await db().auditLog.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ orgId, actorType: "system", action: "test.update", ip: "10.1.2.3", userAgent: "vitest", actorEmail: "a@t.local", hash });
    expect(JSON.parse(row.before!)).toEqual({ name: "old", apiKey: MASK });
    expect(JSON.parse(row.after!)).toEqual({ name: "new", apiKey: MASK, nested: { password: MASK } });
    expect(`${row.before}${row.after}`).not.toMatch(/sk-|"pw"/);
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(auditRowHash(row)).toBe(row.hash);
    // Keyed: the plain SHA-256 anyone could compute is not the hash.
    expect(legacyRowHash(row)).not.toBe(row.hash);
    const previous = await db().auditLog.findFirst({ where: { id: { lt: id } }, orderBy: { id: "desc" } });
    expect(row.prevHash).toBe(previous?.hash ?? GENESIS_HASH);
  });

  it("hashes every column: changing any one of them changes the hash", async () => {
    const { id } = await appendAudit(entry("test.hash", { actorId: "u", actorEmail: "e", before: { a: 1 }, after: { a: 2 }, ip: "i", userAgent: "ua" }));
    const row = await db().auditLog.findUniqueOrThrow({ where: { id } });
    const variants = [
      { id: row.id + 1 },
      { orgId: "other" },
      { actorType: "user" },
      { actorId: "v" },
      { actorEmail: null },
      { action: "test.hash2" },
      { targetType: "x" },
      { targetId: "y" },
      { before: '{"a":3}' },
      { after: null },
      { ip: "j" },
      { userAgent: "ub" },
      { createdAt: new Date(row.createdAt.getTime() + 1) },
      { prevHash: "1".repeat(64) },
    ];
    for (const change of variants) expect(auditRowHash({ ...row, ...change })).not.toBe(row.hash);
  });

  it("moves the signed checkpoint with every append", async () => {
    const { id, hash } = await appendAudit(entry("test.checkpoint"));
    const checkpoint = (await readCheckpoint(db()))!;
    // Other test files append too: the checkpoint is at this row or past it, never behind.
    expect(checkpoint.headId).toBeGreaterThanOrEqual(id);
    if (checkpoint.headId === id) expect(checkpoint.headHash).toBe(hash);
    expect(checkpointSignatureValid(checkpoint, currentAuditKeys())).toBe(true);
  });

  it("keeps one unbroken chain under 50 concurrent appends in one process", async () => {
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => appendAudit(entry(`test.queued_${i}`))));
    expect(new Set(results.map((r) => r.id)).size).toBe(50);
    await expectUnbrokenChainThrough(results.map((r) => r.id));
  });

  it("keeps one unbroken chain when 50 writers race for the tip (as separate processes would)", async () => {
    // appendAuditUnqueued skips the in-process queue, so these queue on the chain's write lock.
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => appendAuditUnqueued(entry(`test.racing_${i}`))));
    expect(new Set(results.map((r) => r.id)).size).toBe(50);
    await expectUnbrokenChainThrough(results.map((r) => r.id));
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
    // 50 writers on a pool of 10 connections: PostgreSQL needs a few seconds for all of them.
  }, 60_000);

  it("does not let the queue stall after a failed append", async () => {
    // The client refuses a row without an organization: the caller sees that failure, the next
    // append in the queue still goes through.
    const failing = appendAudit({ ...entry("test.fail"), orgId: undefined as unknown as string });
    const next = appendAudit(entry("test.after_failure"));
    await expect(failing).rejects.toThrow();
    await expect(next).resolves.toMatchObject({ id: expect.any(Number) });
  });
});

describe("verifyAuditChain", () => {
  it("walks the chain in pages and reports the newest row", async () => {
    await appendAudit(entry("test.verify"));
    const tip = await db().auditLog.findFirstOrThrow({ orderBy: { id: "desc" } });
    const result = await verifyAuditChain({ pageSize: 7 });
    expect(result).toMatchObject({ ok: true, checked: expect.any(Number), lastId: expect.any(Number), lastHash: expect.any(String), acceptedGaps: 0 });
    if (!result.ok) throw new Error("unreachable");
    expect(result.checked).toBe(result.lastId);
    expect(result.checkpoint).toMatchObject({ signatureValid: true });
    expect(result.lastId).toBeGreaterThanOrEqual(tip.id);
  });
});
