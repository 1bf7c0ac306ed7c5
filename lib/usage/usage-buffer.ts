// Usage records leave the request path through this buffer: enqueue is synchronous, writes happen
// in batches on size and on an interval, and shutdown() drains everything before the process
// exits. A failed write keeps its batch and is retried with backoff, so a database hiccup delays
// records but never drops them.
//
// Memory stays bounded. When the database has failed for `journalAfterMs`, or half of `maxRecords`
// are waiting, records go to the local journal (journal.ts) instead, oldest first, and are replayed
// from it once the database takes writes again; until the journal is empty new records join it
// behind the old ones. Only when the journal cannot be written either and `maxRecords` are held are
// new records dropped (counted, and the ledger reports "failing").
import type { UsageEvent } from "./usage-event";
import type { UsageJournal } from "./journal";

/** Stores a batch (idempotently) and returns how many records were new. */
export type WriteUsage = (events: readonly UsageEvent[]) => Promise<number>;

export interface UsageBufferOptions {
  flushSize: number;
  flushIntervalMs: number;
  /** how long shutdown() keeps retrying a failing database before giving up */
  drainTimeoutMs?: number;
  /** most records held in memory (default: no bound) */
  maxRecords?: number;
  /** records go to the journal once writes have failed for this long (default 10 s) */
  journalAfterMs?: number;
  /** where records go while the database cannot take them; null = memory only */
  journal?: UsageJournal | null;
  onError?: (error: unknown, pending: number) => void;
  onJournalError?: (error: unknown) => void;
  onDropped?: (dropped: number) => void;
}

/** ok: records reach the database; degraded: they wait (in memory or the journal) but none is lost; failing: records are being dropped. */
export type LedgerHealth = "ok" | "degraded" | "failing";

const MAX_BACKOFF_MS = 30_000;
const SPILL_BATCH = 10_000;
const JOURNAL_RETRY_MS = 1_000;

export class UsageBuffer {
  private queue: UsageEvent[] = [];
  /** the batch being written now (out of the queue, so the journal can take the queue meanwhile) */
  private inFlight: readonly UsageEvent[] = [];
  private inFlightSince = 0;
  /** records being appended to the journal now (back to the queue if that fails) */
  private spillingNow: readonly UsageEvent[] = [];
  private flushing: Promise<void> | null = null;
  private spilling: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private failures = 0;
  private failingSince: number | null = null;
  private retryAt = 0;
  private stopped = false;
  /** new records join the journal (not memory) until it is replayed */
  private journaling = false;
  private dropping = false;
  written = 0;
  dropped = 0;
  journalError: unknown = null;
  private journalRetryAt = 0;

  constructor(
    private readonly write: WriteUsage,
    private readonly options: UsageBufferOptions,
  ) {
    if (options.journal && !options.journal.isEmpty) this.journaling = true;
  }

  /** records held in memory */
  get pending(): number {
    return this.queue.length + this.inFlight.length + this.spillingNow.length;
  }

  /** records in the journal, not written to the database yet */
  get journaled(): number {
    return this.options.journal?.records ?? 0;
  }

  get failingForMs(): number {
    return this.failingSince === null ? 0 : Date.now() - this.failingSince;
  }

  get health(): LedgerHealth {
    if (this.dropping) return "failing";
    return this.failures > 0 || this.journaling || this.journaled > 0 ? "degraded" : "ok";
  }

  enqueue(event: UsageEvent): void {
    if (this.pending >= (this.options.maxRecords ?? Infinity)) {
      this.dropped++;
      this.dropping = true;
      this.options.onDropped?.(this.dropped);
      return;
    }
    this.queue.push(event);
    this.ensureTimer();
    if (this.queue.length < this.options.flushSize) return;
    if (Date.now() >= this.retryAt) void this.flush();
    else if (this.journaling && !this.spilling) void this.spill(); // between ticks, while backing off
  }

  /**
   * Opens the journal and, when an earlier process left records in it, starts replaying them in the
   * background (flush() awaits the replay; new records queue behind the journaled ones).
   */
  async recoverJournal(): Promise<void> {
    const journal = this.options.journal;
    if (!journal) return;
    await journal.open();
    if (journal.isEmpty) return;
    this.journaling = true;
    this.ensureTimer();
    void this.flush();
  }

  private ensureTimer(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => this.tick(), this.options.flushIntervalMs);
    this.timer.unref();
  }

  private tick(): void {
    if (this.queue.length === 0 && !this.journaling) return;
    // Backing off, or a write still hanging: the journal keeps memory small meanwhile.
    if (this.shouldJournal()) {
      this.journaling = true;
      void this.spill();
    }
    if (Date.now() >= this.retryAt) void this.flush();
  }

  /**
   * Whether records should go to the journal: once writes have failed, or one write has hung, for
   * journalAfterMs, or half of maxRecords wait behind a failing or slow write.
   */
  private shouldJournal(): boolean {
    if (!this.options.journal) return false;
    if (this.journaling) return true;
    const troubleSince = this.failingSince ?? (this.inFlight.length > 0 ? this.inFlightSince : null);
    if (troubleSince === null) return false;
    const highWater = (this.options.maxRecords ?? Infinity) / 2;
    return this.pending >= highWater || Date.now() - troubleSince >= (this.options.journalAfterMs ?? 10_000);
  }

  /** Writes everything queued now; concurrent callers share one in-flight flush. */
  flush(): Promise<void> {
    this.flushing ??= this.flushLoop().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async flushLoop(): Promise<void> {
    const journal = this.options.journal;
    if (journal && this.journaling && !(await this.replayJournal(journal))) return;
    while (this.queue.length > 0 && !this.journaling) {
      const batch = this.queue.splice(0, this.options.flushSize);
      this.inFlight = batch;
      this.inFlightSince = Date.now();
      try {
        this.written += await this.write(batch);
      } catch (error) {
        this.queue.unshift(...batch);
        this.failed(error);
        if (this.shouldJournal()) {
          this.journaling = true;
          await this.spill();
        }
        return;
      } finally {
        this.inFlight = [];
      }
      this.succeeded();
    }
    // The journal took over while that write hung: what is left in memory goes there.
    if (this.journaling) await this.spill();
  }

  /** Moves memory into the journal and replays it, oldest first; true once it is empty. */
  private async replayJournal(journal: UsageJournal): Promise<boolean> {
    for (;;) {
      await this.spill();
      if (journal.isEmpty) break;
      try {
        await journal.replayBatch(async (events) => {
          this.inFlight = events;
          this.inFlightSince = Date.now();
          try {
            this.written += await this.write(events);
          } finally {
            this.inFlight = [];
          }
        }, this.options.flushSize);
      } catch (error) {
        this.failed(error);
        return false;
      }
      this.succeeded();
    }
    // Records that arrive from now on are written from memory; any left there (the journal could not take them) go first.
    this.journaling = false;
    return true;
  }

  /**
   * Appends what memory holds to the journal; on failure the records stay in memory (bounded by
   * maxRecords) and the journal is tried again a second later. Callers share one append in flight.
   */
  private spill(): Promise<void> {
    const journal = this.options.journal;
    if (this.spilling) return this.spilling;
    if (!journal || this.queue.length === 0 || Date.now() < this.journalRetryAt) return Promise.resolve();
    this.spilling = (async () => {
      while (this.queue.length > 0) {
        // Out of the queue while it is appended: a failed write may put its batch back meanwhile.
        // Large appends: one write and one fsync for everything waiting (the rate the journal keeps up with).
        const batch = this.queue.splice(0, SPILL_BATCH);
        this.spillingNow = batch;
        try {
          await journal.append(batch);
        } catch (error) {
          this.queue.unshift(...batch);
          this.journalError = error;
          this.journalRetryAt = Date.now() + JOURNAL_RETRY_MS;
          this.options.onJournalError?.(error);
          return;
        } finally {
          this.spillingNow = [];
        }
        this.journalError = null;
        this.dropping = false;
      }
    })().finally(() => {
      this.spilling = null;
    });
    return this.spilling;
  }

  private failed(error: unknown): void {
    this.failures++;
    this.failingSince ??= Date.now();
    this.retryAt = Date.now() + Math.min(MAX_BACKOFF_MS, 250 * 2 ** (this.failures - 1));
    this.options.onError?.(error, this.pending);
  }

  private succeeded(): void {
    this.failures = 0;
    this.failingSince = null;
    this.retryAt = 0;
    if (this.pending < (this.options.maxRecords ?? Infinity)) this.dropping = false;
  }

  /**
   * Stops the timer and drains: writes memory and the journal, retrying a failing database until
   * drainTimeoutMs. With a journal, records the database cannot take are left there, durably, for
   * the next process of this host (it replays them at its start) instead of waiting out the timeout.
   */
  async shutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const journal = this.options.journal;
    const deadline = Date.now() + (this.options.drainTimeoutMs ?? 15_000);
    while ((this.queue.length > 0 || this.journaling) && Date.now() < deadline) {
      await this.flush();
      if (this.failures === 0) continue;
      if (journal) {
        this.journaling = true;
        await this.spill();
        if (this.queue.length === 0) break;
      }
      await new Promise((r) => setTimeout(r, Math.min(1000, Math.max(0, this.retryAt - Date.now()))));
    }
    if (this.flushing) await this.flushing;
    if (journal && this.queue.length > 0 && this.failures > 0) await this.spill();
    await journal?.close();
  }
}
