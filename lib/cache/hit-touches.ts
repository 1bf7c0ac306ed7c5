// Hits move an entry's lastUsedAt (what the database tier evicts by) and count in its `hits`,
// written in batches every 10 s off the request path (through the drivers, entry-sql.ts): one
// update per entry hit in that time, not one per hit.
import { warnThrottled } from "../quotas/throttled-warning";
import { touchEntries } from "./entry-sql";

const FLUSH_EVERY_MS = 10_000;
const MAX_PER_FLUSH = 500;

class HitTouches {
  private pending = new Map<string, { hits: number; at: number }>();
  private timer: NodeJS.Timeout | null = null;

  record(entryId: string, at: number): void {
    const touch = this.pending.get(entryId);
    if (touch) {
      touch.hits++;
      touch.at = at;
    } else this.pending.set(entryId, { hits: 1, at });
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.flush();
      }, FLUSH_EVERY_MS);
      this.timer.unref();
    }
  }

  async flush(): Promise<void> {
    const due = [...this.pending].slice(0, MAX_PER_FLUSH);
    for (const [id] of due) this.pending.delete(id);
    if (due.length === 0) return;
    try {
      await touchEntries(due.map(([id, touch]) => ({ id, hits: touch.hits, at: touch.at })));
    } catch (error) {
      warnThrottled("cache-touch", error, "could not record cache hits on their entries (eviction order may lag)");
    }
    // More than one flush's worth: the rest goes in the next round.
    if (this.pending.size > 0 && !this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.flush();
      }, FLUSH_EVERY_MS);
      this.timer.unref();
    }
  }
}

const slot = globalThis as unknown as { tollgateCacheHitTouches?: HitTouches };

export function hitTouches(): HitTouches {
  slot.tollgateCacheHitTouches ??= new HitTouches();
  return slot.tollgateCacheHitTouches;
}
