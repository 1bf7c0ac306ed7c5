// Walks the whole chain in id order and reports the first row that does not check out. Rows are
// read in id-keyed pages, so memory stays flat however long the log is. The chain is global (one
// per database, across organizations), because one unique prevHash column orders every append.
import type { DbClient } from "../db";
import { db } from "../db";
import { auditRowHash, GENESIS_HASH } from "./audit-hash";
import type { AuditVerifyResult } from "./schemas";

const PAGE_SIZE = 1000;

type Link = { id: number; hash: string };

function broken(checked: number, firstBrokenId: number, reason: "row_altered" | "rows_missing" | "chain_broken", message: string): AuditVerifyResult {
  return { ok: false, checked, firstBrokenId, reason, message };
}

export async function verifyAuditChain(options: { client?: DbClient; pageSize?: number } = {}): Promise<AuditVerifyResult> {
  const client = options.client ?? db();
  const pageSize = options.pageSize ?? PAGE_SIZE;
  let previous: Link = { id: 0, hash: GENESIS_HASH };
  let checked = 0;
  // No lower bound on the first page: a row whose id was edited to 0 or below must be seen too.
  let cursor: number | undefined;
  for (;;) {
    const where = cursor === undefined ? {} : { id: { gt: cursor } };
    const rows = await client.auditLog.findMany({ where, orderBy: { id: "asc" }, take: pageSize });
    for (const row of rows) {
      // Content first: an edited row is the most specific finding, whatever else it broke.
      if (auditRowHash(row) !== row.hash) {
        return broken(checked, row.id, "row_altered", `Row ${row.id} does not match its hash: a column was changed after it was written.`);
      }
      if (row.id !== previous.id + 1) {
        const missing = row.id - previous.id - 1 === 1 ? `row ${previous.id + 1} is` : `rows ${previous.id + 1}–${row.id - 1} are`;
        return broken(checked, row.id, "rows_missing", `The log jumps from row ${previous.id} to row ${row.id}: ${missing} missing.`);
      }
      if (row.prevHash !== previous.hash) {
        return broken(checked, row.id, "chain_broken", `Row ${row.id} does not link to row ${previous.id}: it was inserted or re-hashed outside the chain.`);
      }
      previous = { id: row.id, hash: row.hash };
      checked++;
    }
    if (rows.length < pageSize) break;
    cursor = previous.id;
  }
  return checked === 0
    ? { ok: true, checked, lastId: null, lastHash: null }
    : { ok: true, checked, lastId: previous.id, lastHash: previous.hash };
}
