// Re-hashes every row of the log under the current row key, linking each row to the one before it
// as it stands now. Only a seal calls this, inside its locked transaction, after deciding that the
// log as it stands is what is to be sealed. Rows keep their id and content.
import type { DbClient } from "../db";
import { GENESIS_HASH, type RowHasher } from "./audit-hash";
import type { ChainLink } from "./walk-audit-chain";

const PAGE_SIZE = 500;

type Rewritten = { id: number; prevHash: string; hash: string };

async function writeBatch(tx: DbClient, batch: Rewritten[], postgres: boolean): Promise<void> {
  const values = postgres
    ? batch.map((_, i) => `($${i * 3 + 1}::integer, $${i * 3 + 2}::text, $${i * 3 + 3}::text)`).join(", ")
    : batch.map(() => "(?, ?, ?)").join(", ");
  const source = postgres ? `(VALUES ${values}) AS v("id", "prevHash", "hash")` : `(SELECT column1 AS "id", column2 AS "prevHash", column3 AS "hash" FROM (VALUES ${values})) AS v`;
  const sql = `UPDATE "AuditLog" SET "prevHash" = v."prevHash", "hash" = v."hash" FROM ${source} WHERE "AuditLog"."id" = v."id"`;
  await tx.$executeRawUnsafe(sql, ...batch.flatMap((row) => [row.id, row.prevHash, row.hash]));
}

/** Returns the rows re-hashed and the new head (null for an empty log). */
export async function rewriteAuditHashes(tx: DbClient, hasher: RowHasher, postgres: boolean): Promise<{ rows: number; head: ChainLink | null }> {
  // prevHash and hash are unique: park every row on a placeholder first, so a new value can never
  // meet an old one still in place (a tampered log may hold anything, the genesis hash included).
  await tx.$executeRawUnsafe(
    postgres
      ? `UPDATE "AuditLog" SET "prevHash" = 'resealing-p-' || "id"::text, "hash" = 'resealing-h-' || "id"::text`
      : `UPDATE "AuditLog" SET "prevHash" = 'resealing-p-' || "id", "hash" = 'resealing-h-' || "id"`,
  );
  let previous = GENESIS_HASH;
  let head: ChainLink | null = null;
  let rows = 0;
  let cursor: number | undefined;
  for (;;) {
    const page = await tx.auditLog.findMany({ where: cursor === undefined ? {} : { id: { gt: cursor } }, orderBy: { id: "asc" }, take: PAGE_SIZE });
    if (page.length === 0) break;
    const batch = page.map((row) => {
      const prevHash = previous;
      previous = hasher({ ...row, prevHash });
      return { id: row.id, prevHash, hash: previous };
    });
    await writeBatch(tx, batch, postgres);
    rows += page.length;
    const last = batch[batch.length - 1];
    head = { id: last.id, hash: last.hash };
    cursor = last.id;
    if (page.length < PAGE_SIZE) break;
  }
  return { rows, head };
}
