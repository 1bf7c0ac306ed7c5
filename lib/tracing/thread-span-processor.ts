// The span processor of Tollgate's tracer (tracer.ts): hands finished spans to the OTLP export thread
// (otlp-export-thread.ts) instead of the SDK's BatchSpanProcessor + OTLPTraceExporter, which encoded
// every export on the proxy's thread. A finished span costs here a dozen array stores into the
// current batch (otlp-json.ts, SpanBatch); the batch is posted when it holds BATCH_SPANS spans or
// BATCH_DELAY_MS after its first span, and the structured clone, the OTLP JSON encoding and the HTTP
// exchange all happen on the export thread (docs/decisions/022-traces-exported-off-thread.md).
// The thread is started with the first batch (a thread that records no span never starts one) and
// kept unref'd except while a flush or shutdown waits for it.
import type { Context } from "@opentelemetry/api";
import type { ReadableSpan, Span, SpanProcessor } from "@opentelemetry/sdk-trace";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { logger } from "../logger";
import { SPAN_FIELDS, type ExportThreadData, type FromExportThread, type SpanBatch, type ToExportThread } from "./otlp-json";

// worker_threads from Node itself, not an import: Turbopack bundles the file of any `new Worker(path)`
// it can see (lib/usage/sqlite-usage-worker.ts says why that breaks the console's thread).
const { Worker } = process.getBuiltinModule("node:worker_threads") as typeof import("node:worker_threads");
type Worker = import("node:worker_threads").Worker;

export const BATCH_SPANS = 256;
export const BATCH_DELAY_MS = 1_000;
const FLUSH_TIMEOUT_MS = 30_000;
const FAILURE_LOG_INTERVAL_MS = 60_000;

/** Where scripts/build-threads.mjs writes the compiled thread (keep the two in step), from the app's root. */
export function otlpExportThreadFile(root = process.cwd()): string {
  return join(root, "node_modules", ".cache", "tollgate", "threads", "otlp-export-thread.cjs");
}

export class ThreadSpanProcessor implements SpanProcessor {
  private batch: SpanBatch = [];
  private timer: NodeJS.Timeout | null = null;
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, () => void>();
  private lastFailureLog = 0;
  private unloggedDrops = 0;
  private closed = false;

  constructor(private readonly data: ExportThreadData) {}

  onStart(_span: Span, _parentContext: Context): void {}

  onEnd(span: ReadableSpan): void {
    if (this.closed) return;
    const context = span.spanContext();
    const status = span.status;
    const batch = this.batch;
    batch.push(
      context.traceId, context.spanId, span.parentSpanContext?.spanId ?? "", span.name, span.kind,
      span.startTime[0], span.startTime[1], span.endTime[0], span.endTime[1],
      status.code, status.message ?? "", span.attributes,
    );
    if (batch.length >= BATCH_SPANS * SPAN_FIELDS) this.post();
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
    if (this.batch.length === 0) return;
    const batch = this.batch;
    this.batch = [];
    try {
      this.thread().postMessage({ type: "spans", batch } satisfies ToExportThread);
    } catch (error) {
      this.failed(`spans not exported: ${(error as Error).message}`, batch.length / SPAN_FIELDS);
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
    worker.on("message", (message: FromExportThread) => {
      if (message.type === "flushed") this.waiting.get(message.id)?.();
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
