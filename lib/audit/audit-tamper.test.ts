// Tampering with the audit tables by SQL, by someone who can write to the database but does not
// know TOLLGATE_SECRET, must be caught by verify, on SQLite and on PostgreSQL. Each case runs inside
// a transaction that holds the chain's lock and is rolled back afterwards (audit-test-support.ts).
import { createHash, createHmac } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { DbClient } from "../db";
import { ensureDefaultOrg } from "../org/default-org";
import { uniqueSuffix } from "../../test/support/test-ids";
import { appendAuditUnqueued } from "./append-audit";
import { canonicalAuditContent, keyedRowHasher, legacyRowHash, type AuditHashInput } from "./audit-hash";
import { AuditChainError } from "./audit-chain-error";
import { readCheckpoint, writeCheckpoint } from "./audit-checkpoint";
import { currentAuditKeys, deriveAuditKeys } from "./audit-key";
import { appendThree, inRolledBackTransaction, insertRowBySql, nextRowAfter, sql } from "./audit-test-support";
import type { AuditVerifyResult } from "./schemas";
import { verifyAuditChain } from "./verify-audit-chain";

let orgId: string;
beforeAll(async () => {
  orgId = await ensureDefaultOrg();
});

function expectBroken(result: AuditVerifyResult, id: number, reason: string) {
  expect(result).toMatchObject({ ok: false, firstBrokenId: id, reason });
}

const newestRow = (tx: DbClient) => tx.auditLog.findFirstOrThrow({ orderBy: { id: "desc" } });
const append = (tx: DbClient, action: string) => appendAuditUnqueued({ orgId, actorType: "system", action, targetType: "test", targetId: uniqueSuffix() }, tx);

const TEXT_COLUMNS = ["orgId", "actorType", "actorId", "actorEmail", "action", "targetType", "targetId", "before", "after", "ip", "userAgent", "prevHash", "hash"];

describe("verify after tampering with rows by SQL", () => {
  it("is ok before anything is touched, and reports the head the checkpoint signed", async () => {
    await inRolledBackTransaction(async (tx) => {
      const { last } = await appendThree(tx, orgId);
      const result = await verifyAuditChain({ client: tx });
      expect(result).toMatchObject({ ok: true, lastId: last.id, lastHash: last.hash, keyId: currentAuditKeys().keyId });
      expect(result.checkpoint).toMatchObject({ headId: last.id, headHash: last.hash, signatureValid: true, keyId: currentAuditKeys().keyId });
    });
  });

  for (const column of TEXT_COLUMNS) {
    it(`reports a row whose ${column} was changed by UPDATE`, async () => {
      await inRolledBackTransaction(async (tx) => {
        const { middle } = await appendThree(tx, orgId);
        expect(await sql(tx, `UPDATE "AuditLog" SET "${column}" = ? WHERE "id" = ?`, `tampered-${uniqueSuffix()}`, middle.id)).toBe(1);
        expectBroken(await verifyAuditChain({ client: tx }), middle.id, "row_altered");
      });
    });
  }

  it("reports a row whose createdAt was changed by UPDATE (even by one millisecond)", async () => {
    await inRolledBackTransaction(async (tx) => {
      const { middle } = await appendThree(tx, orgId);
      const row = await tx.auditLog.findUniqueOrThrow({ where: { id: middle.id } });
      await sql(tx, 'UPDATE "AuditLog" SET "createdAt" = ? WHERE "id" = ?', new Date(row.createdAt.getTime() + 1), middle.id);
      expect((await tx.auditLog.findUniqueOrThrow({ where: { id: middle.id } })).createdAt.getTime()).toBe(row.createdAt.getTime() + 1);
      expectBroken(await verifyAuditChain({ client: tx }), middle.id, "row_altered");
    });
  });

  it("reports a row whose id was changed by UPDATE", async () => {
    await inRolledBackTransaction(async (tx) => {
      const { middle, last } = await appendThree(tx, orgId);
      await sql(tx, 'UPDATE "AuditLog" SET "id" = ? WHERE "id" = ?', middle.id + 1_000_000, middle.id);
      // The row after the hole is the first one whose predecessor is gone.
      expectBroken(await verifyAuditChain({ client: tx }), last.id, "rows_missing");
    });
  });

  it("reports a row changed and re-hashed with plain SHA-256, the way the unkeyed chain was computed", async () => {
    await inRolledBackTransaction(async (tx) => {
      const { middle } = await appendThree(tx, orgId);
      const forged = { ...(await tx.auditLog.findUniqueOrThrow({ where: { id: middle.id } })), action: "test.forged" };
      const plain = createHash("sha256").update(canonicalAuditContent(forged, "v2")).digest("hex");
      await sql(tx, 'UPDATE "AuditLog" SET "action" = ?, "hash" = ? WHERE "id" = ?', forged.action, plain, middle.id);
      expectBroken(await verifyAuditChain({ client: tx }), middle.id, "row_altered");
    });
  });

  it("reports a tail rewritten from a changed row on, every hash and link recomputed with plain SHA-256", async () => {
    await inRolledBackTransaction(async (tx) => {
      const { middle, last } = await appendThree(tx, orgId);
      // On the unkeyed chain this rewrite verified: every row matched its hash and linked up.
      let prevHash = (await tx.auditLog.findUniqueOrThrow({ where: { id: middle.id - 1 } })).hash;
      for (const id of [middle.id, last.id]) {
        const row = await tx.auditLog.findUniqueOrThrow({ where: { id } });
        const forged = { ...row, action: id === middle.id ? "test.forged" : row.action, prevHash };
        const hash = legacyRowHash(forged);
        await sql(tx, 'UPDATE "AuditLog" SET "action" = ?, "prevHash" = ?, "hash" = ? WHERE "id" = ?', forged.action, prevHash, hash, id);
        prevHash = hash;
      }
      expectBroken(await verifyAuditChain({ client: tx }), middle.id, "row_altered");
    });
  });

  it("reports a middle row removed by DELETE", async () => {
    await inRolledBackTransaction(async (tx) => {
      const { middle, last } = await appendThree(tx, orgId);
      expect(await sql(tx, 'DELETE FROM "AuditLog" WHERE "id" = ?', middle.id)).toBe(1);
      const result = await verifyAuditChain({ client: tx });
      expectBroken(result, last.id, "rows_missing");
      if (!result.ok) expect(result.message).toContain(`row ${middle.id} is missing`);
    });
  });

  it("reports the newest rows removed by DELETE (truncation)", async () => {
    await inRolledBackTransaction(async (tx) => {
      const { first, last } = await appendThree(tx, orgId);
      // What is left still links up perfectly: only the signed checkpoint knows the log was longer.
      expect(await sql(tx, 'DELETE FROM "AuditLog" WHERE "id" > ?', first.id)).toBe(2);
      const result = await verifyAuditChain({ client: tx });
      expectBroken(result, first.id + 1, "rows_truncated");
      if (!result.ok) expect(result.message).toContain(`ends at row #${last.id}`);
    });
  });

  it("reports a forged tail: rows appended by SQL with a correct plain SHA-256 and correct links", async () => {
    await inRolledBackTransaction(async (tx) => {
      const { last } = await appendThree(tx, orgId);
      const one = nextRowAfter(await newestRow(tx));
      await insertRowBySql(tx, { ...one, hash: legacyRowHash(one) });
      const two = nextRowAfter({ id: one.id, hash: legacyRowHash(one), orgId });
      await insertRowBySql(tx, { ...two, hash: legacyRowHash(two) });
      const result = await verifyAuditChain({ client: tx });
      expectBroken(result, last.id + 1, "row_forged");
      if (!result.ok) expect(result.message).toContain(`checkpoint covers (#${last.id})`);
    });
  });

  it("reports a forged tail whose hash is a well-formed HMAC under a key not derived from this secret", async () => {
    await inRolledBackTransaction(async (tx) => {
      const { last } = await appendThree(tx, orgId);
      const guessedKeys = deriveAuditKeys("a-guess-at-the-secret-a-guess-at-the-secret");
      const row = nextRowAfter(await newestRow(tx));
      await insertRowBySql(tx, { ...row, hash: keyedRowHasher(guessedKeys.rowKey)(row) });
      expectBroken(await verifyAuditChain({ client: tx }), last.id + 1, "row_forged");
    });
  });

  it("reports a forged tail even when the checkpoint was moved to cover it (without the key to sign it)", async () => {
    await inRolledBackTransaction(async (tx) => {
      const { last } = await appendThree(tx, orgId);
      const row = nextRowAfter(await newestRow(tx));
      const hash = createHmac("sha256", "not-the-key").update(canonicalAuditContent(row, "v2")).digest("hex");
      await insertRowBySql(tx, { ...row, hash });
      await sql(tx, 'UPDATE "AuditCheckpoint" SET "headId" = ?, "headHash" = ?, "rowCount" = "rowCount" + 1', row.id, hash);
      expectBroken(await verifyAuditChain({ client: tx }), last.id + 1, "row_altered");
    });
  });
});

describe("verify after tampering with the checkpoint by SQL", () => {
  it("reports a checkpoint whose columns were changed (its signature no longer matches)", async () => {
    await inRolledBackTransaction(async (tx) => {
      const { last } = await appendThree(tx, orgId);
      await sql(tx, 'UPDATE "AuditCheckpoint" SET "rowCount" = "rowCount" + 5');
      const result = await verifyAuditChain({ client: tx });
      expectBroken(result, last.id + 1, "checkpoint_invalid");
      expect(result.checkpoint?.signatureValid).toBe(false);
    });
  });

  it("reports truncation made to look consistent by editing the checkpoint's head", async () => {
    await inRolledBackTransaction(async (tx) => {
      const { first } = await appendThree(tx, orgId);
      await sql(tx, 'DELETE FROM "AuditLog" WHERE "id" > ?', first.id);
      await sql(tx, 'UPDATE "AuditCheckpoint" SET "headId" = ?, "headHash" = ?, "rowCount" = "rowCount" - 2', first.id, first.hash);
      expectBroken(await verifyAuditChain({ client: tx }), first.id + 1, "checkpoint_invalid");
    });
  });

  it("reports a deleted checkpoint", async () => {
    await inRolledBackTransaction(async (tx) => {
      const { last } = await appendThree(tx, orgId);
      await sql(tx, 'DELETE FROM "AuditCheckpoint"');
      const result = await verifyAuditChain({ client: tx });
      expectBroken(result, last.id + 1, "checkpoint_missing");
      expect(result.checkpoint).toBeNull();
    });
  });

  it("reports a checkpoint put back to an older state it signed, while the rows after it stay", async () => {
    await inRolledBackTransaction(async (tx) => {
      const { first } = await appendThree(tx, orgId);
      const saved = await tx.auditCheckpoint.findUniqueOrThrow({ where: { id: 1 } });
      const later = await append(tx, "test.after_saved_checkpoint");
      await tx.auditCheckpoint.update({ where: { id: 1 }, data: saved });
      expect(saved.headId).toBeLessThan(later.id);
      expectBroken(await verifyAuditChain({ client: tx }), saved.headId + 1, "checkpoint_mismatch");
      expect(first.id).toBeLessThan(saved.headId);
    });
  });

  it("cannot see the table and the checkpoint rolled back together to a state it signed; an anchor taken since can", async () => {
    await inRolledBackTransaction(async (tx) => {
      await appendThree(tx, orgId);
      const saved = await tx.auditCheckpoint.findUniqueOrThrow({ where: { id: 1 } });
      const newer = await append(tx, "test.later");
      const anchor = { id: newer.id, hash: newer.hash };
      expect(await verifyAuditChain({ client: tx, anchor })).toMatchObject({ ok: true, anchor: { ...anchor, actualHash: newer.hash, matches: true } });
      // Roll back both to the saved state: a consistent, signed, older log.
      await sql(tx, 'DELETE FROM "AuditLog" WHERE "id" > ?', saved.headId);
      await tx.auditCheckpoint.update({ where: { id: 1 }, data: saved });
      expect(await verifyAuditChain({ client: tx })).toMatchObject({ ok: true, lastId: saved.headId });
      const result = await verifyAuditChain({ client: tx, anchor });
      expectBroken(result, newer.id, "anchor_mismatch");
      expect(result.anchor).toEqual({ ...anchor, actualHash: null, matches: false });
    });
  });

  it("tells a checkpoint signed with another secret apart from tampering", async () => {
    await inRolledBackTransaction(async (tx) => {
      await appendThree(tx, orgId);
      const checkpoint = (await readCheckpoint(tx))!;
      const otherKeys = deriveAuditKeys("another-secret-another-secret-another-secret");
      await writeCheckpoint(tx, checkpoint, otherKeys);
      const result = await verifyAuditChain({ client: tx });
      expect(result).toMatchObject({ ok: false, reason: "key_mismatch", checkpoint: { keyId: otherKeys.keyId, signatureValid: false } });
      if (!result.ok) expect(result.message).toContain("TOLLGATE_PREVIOUS_SECRET");
    });
  });
});

describe("appends to a log that does not match its checkpoint", () => {
  const cases: [string, (tx: DbClient, rows: Awaited<ReturnType<typeof appendThree>>) => Promise<unknown>, string][] = [
    ["the newest rows deleted", (tx, { first }) => sql(tx, 'DELETE FROM "AuditLog" WHERE "id" > ?', first.id), "checkpoint_mismatch"],
    ["a forged row appended", async (tx) => {
      const row: AuditHashInput = nextRowAfter(await newestRow(tx));
      await insertRowBySql(tx, { ...row, hash: legacyRowHash(row) });
    }, "checkpoint_mismatch"],
    ["the checkpoint altered", (tx) => sql(tx, 'UPDATE "AuditCheckpoint" SET "rowCount" = 1'), "checkpoint_invalid"],
    ["the checkpoint deleted", (tx) => sql(tx, 'DELETE FROM "AuditCheckpoint"'), "checkpoint_missing"],
  ];
  for (const [what, tamper, problem] of cases) {
    it(`are refused after ${what}, so the next entry does not sign over it`, async () => {
      await inRolledBackTransaction(async (tx) => {
        const rows = await appendThree(tx, orgId);
        await tamper(tx, rows);
        const refused = append(tx, "test.after_tampering");
        await expect(refused).rejects.toBeInstanceOf(AuditChainError);
        await expect(refused).rejects.toMatchObject({ problem });
      });
    });
  }
});

describe("the real chain", () => {
  it("still verifies once every case above was rolled back", async () => {
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });
});
