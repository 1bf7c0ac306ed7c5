// The proxy's side of trace export: finished spans are written as records into the current batch
// (span-records.ts: a Float64Array, strings as indices into a table sent once, string-table.ts), and a batch goes to
// the OTLP export thread (otlp-export-thread.ts) when it holds BATCH_SPANS spans or BATCH_DELAY_MS
// after its first span, its numbers transferred rather than copied. Naming the spans, building their
// attributes, encoding OTLP (protobuf or JSON) and the HTTP exchange all happen on that thread
// (docs/decisions/022-traces-exported-off-thread.md). The thread is started with the first batch (a
// thread that records no span never starts one) and kept unref'd except while a flush or shutdown
// waits for it.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { logger } from "../logger";
import { RECORD_NUMBERS, REQUEST_ID_WORDS, STRINGS, type ExportThreadData, type FromExportThread, type RecordKind, type ToExportThread } from "./span-records";
import { stringSlot, StringTable, writeRequestIdWords } from "./string-table";

// worker_threads from Node itself, not an import: Turbopack bundles the file of any `new Worker(path)`
// it can see (lib/usage/sqlite-usage-worker.ts says why that breaks the console's thread).
const { Worker } = process.getBuiltinModule("node:worker_threads") as typeof import("node:worker_threads");
type Worker = import("node:worker_threads").Worker;

// 1,024 spans a batch (about 300 KB of numbers): each post wakes the export thread, and each batch
// became an export of its own; with 256 the thread's CPU a call was about 1.7 times what it is with
// 1,024 (docs/decisions/022-traces-exported-off-thread.md). The delay still bounds how late a span
// leaves at low rates.
export const BATCH_SPANS = 1024;
export const BATCH_DELAY_MS = 1_000;
const FLUSH_TIMEOUT_MS = 30_000;
/** Batches' numbers the export thread gave back, kept for reuse: more only pile up while exports lag. */
const MAX_SPARE_BATCHES = 4;
const FAILURE_LOG_INTERVAL_MS = 60_000;

/** Where scripts/build-threads.mjs writes the compiled thread (keep the two in step), from the app's root. */
export function otlpExportThreadFile(root = process.cwd()): string {
  return join(root, "node_modules", ".cache", "tollgate", "threads", "otlp-export-thread.cjs");
}

export class SpanRecorder {
  /** the current batch's numbers: RECORD_NUMBERS a span (write them after begin(), before commit()) */
  numbers = new Float64Array(BATCH_SPANS * RECORD_NUMBERS);
  /** numbers given back by the export thread (already touched memory), filled again before any new array */
  private readonly spareNumbers: Float64Array<ArrayBuffer>[] = [];
  private readonly table = new StringTable();
  /** how many of the table's strings the current thread has been sent */
  private stringsSent = 0;
  /** the current batch's one-off strings */
  private texts: string[] = [];
  private count = 0;
  private timer: NodeJS.Timeout | null = null;
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, () => void>();
  private lastFailureLog = 0;
  private unloggedDrops = 0;
  private closed = false;

  constructor(private readonly data: ExportThreadData) {}

  /** Starts a record of this kind; returns its offset in `numbers`. */
  begin(kind: RecordKind): number {
    const at = this.count * RECORD_NUMBERS;
    // A reused array holds an earlier batch's records. The export thread reads only the fields a
    // record's kind writes (span-recorder.test.ts checks a reused record), but a record starts as
    // zeros, as in a new array, so that a field read but left unwritten never shows an older span's value.
    this.numbers.fill(0, at, at + RECORD_NUMBERS);
    this.numbers[at] = kind;
    return at;
  }

  /** Sets string slot `slot` of the record at `at` (null or "": absent). */
  string(at: number, slot: number, value: string | null | undefined): void {
    this.numbers[at + STRINGS + slot] = stringSlot(this.table, this.texts, value);
  }

  /** Sets a call record's request id (string slot `slot`): as words when it has the gateway's shape, else as a string. */
  requestId(at: number, slot: number, id: string): void {
    if (writeRequestIdWords(id, this.numbers, at + REQUEST_ID_WORDS)) return;
    this.numbers[at + REQUEST_ID_WORDS] = NaN;
    this.string(at, slot, id);
  }

  /** The record begun last is complete: it is in the batch (and the batch posted when full). */
  commit(): void {
    if (this.closed) {
      this.texts.length = 0;
      return;
    }
    this.count += 1;
    if (this.count === BATCH_SPANS) this.post();
    else if (this.timer === null) {
      this.timer = setTimeout(() => this.post(), BATCH_DELAY_MS);
      this.timer.unref();
    }
  }

  forceFlush(): Promise<void> {
    return this.roundTrip("flush");
  }

  async shutdown(): Promise<void> {
    if (this.closed) return;
    await this.roundTrip("close");
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  /** Posts the current batch; the thread is started for the first one. */
  private post(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const count = this.count;
    if (count === 0) return;
    const { numbers } = this;
    const texts = this.texts.length > 0 ? this.texts : null;
    this.numbers = this.spareNumbers.pop() ?? new Float64Array(BATCH_SPANS * RECORD_NUMBERS);
    if (texts) this.texts = [];
    this.count = 0;
    try {
      const thread = this.thread();
      // The table's strings this thread has not had yet (all of them for a thread just started).
      const all = this.table.strings;
      const firstString = this.stringsSent;
      const strings = firstString < all.length ? all.slice(firstString) : null;
      thread.postMessage({ type: "spans", numbers, count, strings, firstString, texts } satisfies ToExportThread, [numbers.buffer]);
      this.stringsSent = all.length;
    } catch (error) {
      this.failed(`spans not exported: ${(error as Error).message}`, count);
    }
  }

  /** Posts what is batched, then waits until the thread has exported everything it holds. */
  private roundTrip(type: "flush" | "close"): Promise<void> {
    this.post();
    const worker = this.worker;
    if (!worker) return Promise.resolve();
    const id = this.nextId++;
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => done(), FLUSH_TIMEOUT_MS);
      const done = () => {
        clearTimeout(timer);
        this.waiting.delete(id);
        if (this.waiting.size === 0) worker.unref();
        resolve();
      };
      this.waiting.set(id, done);
      worker.ref();
      worker.postMessage({ type, id } satisfies ToExportThread);
    });
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const code = otlpExportThreadFile();
    if (!existsSync(code)) throw new Error(`the OTLP export thread is not built (${code} is missing): start with npm start, or run npm run build`);
    const worker = new Worker(code, { workerData: this.data });
    worker.unref();
    this.stringsSent = 0;
    worker.on("message", (message: FromExportThread) => {
      if (message.type === "numbers") this.keepSpare(message.numbers);
      else if (message.type === "flushed") this.waiting.get(message.id)?.();
      else this.failed(message.message, message.spans);
    });
    worker.on("error", (error) => this.failed(`the OTLP export thread failed: ${error.message}`, 0));
    worker.on("exit", () => {
      if (this.worker === worker) this.worker = null;
      for (const done of [...this.waiting.values()]) done();
    });
    this.worker = worker;
    return worker;
  }

  private keepSpare(numbers: Float64Array<ArrayBuffer>): void {
    if (this.spareNumbers.length < MAX_SPARE_BATCHES && numbers.length === BATCH_SPANS * RECORD_NUMBERS) this.spareNumbers.push(numbers);
  }

  /** How many given-back arrays wait for reuse (tests). */
  get spareBatches(): number {
    return this.spareNumbers.length;
  }

  /** Logs a lost export, at most once a minute (with the spans lost since the last line). */
  private failed(message: string, spans: number): void {
    this.unloggedDrops += spans;
    const now = Date.now();
    if (now - this.lastFailureLog < FAILURE_LOG_INTERVAL_MS) return;
    this.lastFailureLog = now;
    logger().warn({ droppedSpans: this.unloggedDrops }, message);
    this.unloggedDrops = 0;
  }
}
