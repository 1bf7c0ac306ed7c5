// What each verify finding is called on the page. The API's message says what happened in detail;
// the title says what kind of problem it is at a glance.
import type { AuditBreakReason } from "@/lib/audit/schemas";

export const BREAK_TITLES: Record<AuditBreakReason, string> = {
  row_altered: "An entry was changed",
  rows_missing: "Entries are missing",
  chain_broken: "An entry does not link to the one before it",
  row_forged: "Entries were added outside Tollgate",
  rows_truncated: "The newest entries were deleted",
  checkpoint_missing: "The signed checkpoint is missing",
  checkpoint_invalid: "The signed checkpoint was altered",
  checkpoint_mismatch: "The signed checkpoint does not match the log",
  key_mismatch: "The log was sealed with another secret",
  chain_unsealed: "The log is not sealed with the key yet",
  anchor_mismatch: "The log no longer matches the anchor",
};
