// Walks the audit rows in id order, checking each row's hash and its link to the row before, and
// stops at the first one that does not check out. Rows are read in id-keyed pages, so memory stays
// flat however long the log is; a walk can resume where an earlier one stopped (verify does, when
// rows were appended while it walked).
import type { DbClient } from "../db";
import { GENESIS_HASH, type RowHasher } from "./audit-hash";

export interface ChainLink {
  id: number;
  hash: string;
}

export interface WalkPosition {
  /** The last row that verified (id 0 and the genesis hash before the first). */
  previous: ChainLink;
  checked: number;
  /** Id jumps whose link verifies: only a re-seal that accepted missing rows makes those. */
  acceptedGaps: number;
}

export interface RowFinding {
  reason: "row_altered" | "row_forged" | "rows_missing" | "chain_broken";
  id: number;
  message: string;
}

export interface WalkOptions {
  hasher: RowHasher;
  /** Keyed chains: an id jump is fine when the link verifies. The unkeyed legacy chain has none. */
  allowGaps: boolean;
  /** The newest row the signed checkpoint covers: a bad row after it was appended, not altered. */
  coveredThroughId: number | null;
  from?: WalkPosition;
  pageSize?: number;
}

export const START_OF_CHAIN: WalkPosition = { previous: { id: 0, hash: GENESIS_HASH }, checked: 0, acceptedGaps: 0 };

function missingRows(previous: number, next: number): string {
  return next - previous - 1 === 1 ? `row ${previous + 1} is` : `rows ${previous + 1}–${next - 1} are`;
}

function badHash(id: number, coveredThroughId: number | null): RowFinding {
  if (coveredThroughId !== null && id > coveredThroughId) {
    return {
      reason: "row_forged",
      id,
      message: `Row ${id} comes after the newest row the signed checkpoint covers (#${coveredThroughId}) and its hash is not the keyed hash: it was added outside Tollgate.`,
    };
  }
  return { reason: "row_altered", id, message: `Row ${id} does not match its hash: a column was changed after it was written, or the row was written without the key.` };
}

export async function walkAuditChain(client: DbClient, options: WalkOptions): Promise<{ position: WalkPosition; finding: RowFinding | null }> {
  const pageSize = options.pageSize ?? 1000;
  let { previous, checked, acceptedGaps } = options.from ?? START_OF_CHAIN;
  // From the start, no lower bound: a row whose id was edited to 0 or below must be seen too.
  let cursor = options.from ? previous.id : undefined;
  const stop = (finding: RowFinding) => ({ position: { previous, checked, acceptedGaps }, finding });
  for (;;) {
    const where = cursor === undefined ? {} : { id: { gt: cursor } };
    const rows = await client.auditLog.findMany({ where, orderBy: { id: "asc" }, take: pageSize });
    for (const row of rows) {
      // Content first: a row that does not match its own hash is the most specific finding.
      if (options.hasher(row) !== row.hash) return stop(badHash(row.id, options.coveredThroughId));
      const jump = row.id !== previous.id + 1;
      if (row.prevHash !== previous.hash) {
        if (jump) return stop({ reason: "rows_missing", id: row.id, message: `The log jumps from row ${previous.id} to row ${row.id}: ${missingRows(previous.id, row.id)} missing.` });
        return stop({ reason: "chain_broken", id: row.id, message: `Row ${row.id} does not link to row ${previous.id}: it was inserted or re-hashed outside the chain.` });
      }
      if (jump) {
        if (!options.allowGaps) return stop({ reason: "rows_missing", id: row.id, message: `The log jumps from row ${previous.id} to row ${row.id}: ${missingRows(previous.id, row.id)} missing.` });
        acceptedGaps++;
      }
      previous = { id: row.id, hash: row.hash };
      checked++;
    }
    if (rows.length < pageSize) return { position: { previous, checked, acceptedGaps }, finding: null };
    cursor = previous.id;
  }
}
