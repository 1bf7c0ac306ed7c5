// Tampering with the audit table by SQL must be caught by verify, on SQLite and on PostgreSQL.
// Each case runs inside a transaction that is rolled back afterwards, so the real chain (which
// other test files append to concurrently) is never left broken.
import { beforeAll, describe, expect, it } from "vitest";
import type { DbClient } from "../db";
import { db, isPostgres } from "../db";
import { ensureDefaultOrg } from "../org/default-org";
import { uniqueSuffix } from "../../test/support/test-ids";
import { appendAuditUnqueued } from "./append-audit";
import { auditRowHash } from "./audit-hash";
import type { AuditVerifyResult } from "./schemas";
import { verifyAuditChain } from "./verify-audit-chain";

let orgId: string;
beforeAll(async () => {
  orgId = await ensureDefaultOrg();
});

class Rollback extends Error {}

/** Runs `fn` in a transaction and always rolls it back. */
async function inRolledBackTransaction(fn: (tx: DbClient) => Promise<void>): Promise<void> {
  const outcome = db().$transaction(
    async (tx) => {
      // Hold off writers in other test processes until the rollback, so the tip seen here stays
      // the tip (SQLite: take the write lock before the first read; PostgreSQL: lock the table).
      if (isPostgres()) await tx.$executeRawUnsafe('LOCK TABLE "AuditLog" IN EXCLUSIVE MODE');
      else await tx.$executeRawUnsafe('UPDATE "AuditLog" SET "action" = "action" WHERE 1 = 0');
      await fn(tx);
      throw new Rollback();
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
  await expect(outcome).rejects.toBeInstanceOf(Rollback);
}

/** Three fresh rows: the middle one is tampered with, the last one is never the only witness. */
async function appendThree(tx: DbClient) {
  const append = (i: number) =>
    appendAuditUnqueued(
      { orgId, actorType: "user", actorId: "u1", actorEmail: "a@t.local", action: `test.tamper_${i}`, targetType: "test", targetId: uniqueSuffix(), before: { v: i }, after: { v: i + 1 }, ip: "10.0.0.9", userAgent: "vitest" },
      tx,
    );
  const first = await append(1);
  const middle = await append(2);
  const last = await append(3);
  return { first, middle, last };
}

const placeholder = (n: number) => (isPostgres() ? `$${n}` : "?");

async function sql(tx: DbClient, text: string, ...values: unknown[]) {
  let n = 0;
  return tx.$executeRawUnsafe(text.replace(/\?/g, () => placeholder(++n)), ...values);
}

function expectBroken(result: AuditVerifyResult, id: number, reason: string) {
  expect(result).toMatchObject({ ok: false, firstBrokenId: id, reason });
}

const TEXT_COLUMNS = ["orgId", "actorType", "actorId", "actorEmail", "action", "targetType", "targetId", "before", "after", "ip", "userAgent", "prevHash", "hash"];

describe("verify after tampering by SQL", () => {
  it("is ok before anything is touched", async () => {
    await inRolledBackTransaction(async (tx) => {
      const { last } = await appendThree(tx);
      const result = await verifyAuditChain({ client: tx });
      expect(result).toMatchObject({ ok: true });
      if (result.ok) expect(result.lastId).toBeGreaterThanOrEqual(last.id);
    });
  });

  for (const column of TEXT_COLUMNS) {
    it(`reports a row whose ${column} was changed by UPDATE`, async () => {
      await inRolledBackTransaction(async (tx) => {
        const { middle } = await appendThree(tx);
        const changed = await sql(tx, `UPDATE "AuditLog" SET "${column}" = ? WHERE "id" = ?`, `tampered-${uniqueSuffix()}`, middle.id);
        expect(changed).toBe(1);
        expectBroken(await verifyAuditChain({ client: tx }), middle.id, "row_altered");
      });
    });
  }

  it("reports a row whose createdAt was changed by UPDATE (even by one millisecond)", async () => {
    await inRolledBackTransaction(async (tx) => {
      const { middle } = await appendThree(tx);
      const row = await tx.auditLog.findUniqueOrThrow({ where: { id: middle.id } });
      await sql(tx, 'UPDATE "AuditLog" SET "createdAt" = ? WHERE "id" = ?', new Date(row.createdAt.getTime() + 1), middle.id);
      expect((await tx.auditLog.findUniqueOrThrow({ where: { id: middle.id } })).createdAt.getTime()).toBe(row.createdAt.getTime() + 1);
      expectBroken(await verifyAuditChain({ client: tx }), middle.id, "row_altered");
    });
  });

  it("reports a row whose id was changed by UPDATE", async () => {
    await inRolledBackTransaction(async (tx) => {
      const { middle, last } = await appendThree(tx);
      await sql(tx, 'UPDATE "AuditLog" SET "id" = ? WHERE "id" = ?', middle.id + 1_000_000, middle.id);
      // The row after the hole is the first one whose predecessor is gone.
      expectBroken(await verifyAuditChain({ client: tx }), last.id, "rows_missing");
    });
  });

  it("reports an UPDATE that re-hashes the row consistently, at the next row", async () => {
    await inRolledBackTransaction(async (tx) => {
      const { middle, last } = await appendThree(tx);
      const row = await tx.auditLog.findUniqueOrThrow({ where: { id: middle.id } });
      const forged = { ...row, action: "test.forged" };
      await sql(tx, 'UPDATE "AuditLog" SET "action" = ?, "hash" = ? WHERE "id" = ?', forged.action, auditRowHash(forged), middle.id);
      expectBroken(await verifyAuditChain({ client: tx }), last.id, "chain_broken");
    });
  });

  it("reports a middle row removed by DELETE", async () => {
    await inRolledBackTransaction(async (tx) => {
      const { middle, last } = await appendThree(tx);
      expect(await sql(tx, 'DELETE FROM "AuditLog" WHERE "id" = ?', middle.id)).toBe(1);
      const result = await verifyAuditChain({ client: tx });
      expectBroken(result, last.id, "rows_missing");
      if (!result.ok) expect(result.message).toContain(`row ${middle.id} is missing`);
    });
  });

  it("reports a row inserted outside the chain", async () => {
    await inRolledBackTransaction(async (tx) => {
      const { last } = await appendThree(tx);
      const tip = await tx.auditLog.findFirstOrThrow({ orderBy: { id: "desc" } });
      // A well-formed row with a correct hash of its own, but linked to a made-up predecessor.
      const row = { ...tip, id: tip.id + 1, action: "test.spliced", prevHash: "a".repeat(64), createdAt: new Date() };
      await sql(
        tx,
        'INSERT INTO "AuditLog" ("id", "orgId", "actorType", "action", "createdAt", "prevHash", "hash") VALUES (?, ?, ?, ?, ?, ?, ?)',
        row.id, row.orgId, row.actorType, row.action, row.createdAt, row.prevHash,
        auditRowHash({ ...row, actorId: null, actorEmail: null, targetType: null, targetId: null, before: null, after: null, ip: null, userAgent: null }),
      );
      expect(row.id).toBeGreaterThan(last.id);
      expectBroken(await verifyAuditChain({ client: tx }), row.id, "chain_broken");
    });
  });

  it("still verifies the untouched chain once the tampering is rolled back", async () => {
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });
});
