// Helpers for the audit tests: run a case in a transaction that holds the chain's lock and is always
// rolled back (so the real chain, which other test files append to concurrently, is never left
// broken), raw SQL with the right placeholders, and rows written by hand as an attacker would.
import { expect } from "vitest";
import type { DbClient } from "../db";
import { db, isPostgres } from "../db";
import { uniqueSuffix } from "../../test/support/test-ids";
import { appendAuditUnqueued } from "./append-audit";
import type { AuditHashInput } from "./audit-hash";
import { lockAuditChain } from "./audit-write-lock";

class Rollback extends Error {}

/** Runs `fn` in a transaction holding the chain's write lock and always rolls it back. */
export async function inRolledBackTransaction(fn: (tx: DbClient) => Promise<void>): Promise<void> {
  const outcome = db().$transaction(
    async (tx) => {
      await lockAuditChain(tx);
      await fn(tx);
      throw new Rollback();
    },
    { timeout: 60_000, maxWait: 60_000 },
  );
  await expect(outcome).rejects.toBeInstanceOf(Rollback);
}

/** Three fresh rows: the middle one is tampered with, the last one is never the only witness. */
export async function appendThree(tx: DbClient, orgId: string) {
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

export async function sql(tx: DbClient, text: string, ...values: unknown[]): Promise<number> {
  let n = 0;
  return tx.$executeRawUnsafe(text.replace(/\?/g, () => placeholder(++n)), ...values);
}

const COLUMNS = ["id", "orgId", "actorType", "actorId", "actorEmail", "action", "targetType", "targetId", "before", "after", "ip", "userAgent", "createdAt", "prevHash", "hash"] as const;

/** Inserts a row by SQL, bypassing the appender, with whatever hash the caller computed. */
export async function insertRowBySql(tx: DbClient, row: AuditHashInput & { hash: string }): Promise<void> {
  const columns = COLUMNS.map((c) => `"${c}"`).join(", ");
  const marks = COLUMNS.map(() => "?").join(", ");
  expect(await sql(tx, `INSERT INTO "AuditLog" (${columns}) VALUES (${marks})`, ...COLUMNS.map((c) => row[c]))).toBe(1);
}

/** A plausible next row after `tip`, as someone writing to the table directly would make it. */
export function nextRowAfter(tip: { id: number; hash: string; orgId: string }, action = "test.forged"): AuditHashInput {
  return {
    id: tip.id + 1, orgId: tip.orgId, actorType: "user", actorId: "intruder", actorEmail: "x@t.local", action, targetType: "test", targetId: uniqueSuffix(),
    before: null, after: null, ip: "10.6.6.6", userAgent: "psql", createdAt: new Date(), prevHash: tip.hash,
  };
}
