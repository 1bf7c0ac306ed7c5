// What writes usage batches: the PostgreSQL writer (postgres-usage-writer.ts) or the SQLite one
// (sqlite-usage-writer.ts); write-usage-batch.ts picks one for the database URL.
import type { UsageEvent } from "./usage-event";

export interface UsageWriter {
  /** Stores the records not stored yet (idempotent by request id) with their rollups, atomically. Returns how many were new. */
  write(events: readonly UsageEvent[]): Promise<number>;
  close(): Promise<void>;
}
