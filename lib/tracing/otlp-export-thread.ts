// The OTLP export thread (started by span-recorder.ts): receives finished spans as batches of raw
// records (span-records.ts), builds them into spans, encodes them as OTLP/HTTP protobuf (the default)
// or JSON (ExportThreadData.protocol, from OTEL_EXPORTER_OTLP_TRACES_PROTOCOL) and posts them to the
// collector, one export at a time: what arrives while one is in flight, or within EXPORT_INTERVAL_MS of the last export's
// start, leaves together in the next (up to MAX_EXPORT_SPANS; a flush does not wait). Each HTTP
// exchange has a fixed cost on this thread (the request, its headers, the agent, the answer), so
// fewer, larger exports cost less. A collector that answers 429/502/503/504 or cannot be reached gets the export
// again after 1 s and 2 s; after that, or on any other answer, the spans are dropped and the main
// thread told (it logs). Spans queued beyond MAX_QUEUED_SPANS are dropped the same way: a collector
// that is down never makes this thread's memory grow without bound.
//
// Built into its own CommonJS file by scripts/build-threads.mjs (npm start, npm run build, the
// vitest setup). Messages: span-records.ts.
import { Agent as HttpAgent, request as httpRequest } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { parentPort, workerData } from "node:worker_threads";
import { JsonWriter } from "./json-writer";
import { encodeOtlpJson } from "./otlp-json";
import { encodeOtlpProtobuf } from "./otlp-protobuf";
import { ProtobufWriter } from "./protobuf-writer";
import type { ExportThreadData, FromExportThread, SpanBatch, ToExportThread } from "./span-records";
import { ReceivedStrings } from "./string-table";

export const MAX_EXPORT_SPANS = 2048;
export const MAX_QUEUED_SPANS = 65_536;
export const EXPORT_INTERVAL_MS = 100;
const EXPORT_TIMEOUT_MS = 10_000;
const RETRY_DELAYS_MS = [1_000, 2_000];
const RETRYABLE = new Set([429, 502, 503, 504]);

const port = parentPort!;
const data = workerData as ExportThreadData;
const target = new URL(data.url);
const secure = target.protocol === "https:";
// node:http with one kept-alive connection, not fetch (whose web streams copied the body again).
const agent = secure ? new HttpsAgent({ keepAlive: true, maxSockets: 1 }) : new HttpAgent({ keepAlive: true, maxSockets: 1 });

const protobuf = data.protocol !== "http/json";
const makeRequest = secure ? httpsRequest : httpRequest;
// The request's options, built once: only content-length changes from one export to the next.
const headers = { "content-type": protobuf ? "application/x-protobuf" : "application/json", "content-length": 0 };
const options = { method: "POST", agent, timeout: EXPORT_TIMEOUT_MS, headers };

/** Posts `body`; resolves the collector's status, rejects when it cannot be reached or times out. */
function send(body: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    headers["content-length"] = body.length;
    const request = makeRequest(
      target,
      options,
      (response) => {
        response.resume();
        response.once("end", () => resolve(response.statusCode ?? 0));
        response.once("error", reject);
      },
    );
    request.once("timeout", () => request.destroy(new Error(`no answer within ${EXPORT_TIMEOUT_MS} ms`)));
    request.once("error", reject);
    request.end(body);
  });
}
/** the proxy's string table, as its batches brought it */
const strings = new ReceivedStrings();
// One body at a time (exports are sequential), so its bytes are reused for the next.
const protobufWriter = protobuf ? new ProtobufWriter() : null;
const jsonWriter = protobuf ? null : new JsonWriter();

function encode(batches: SpanBatch[]): Buffer {
  return protobufWriter ? encodeOtlpProtobuf(protobufWriter, batches, strings, data) : encodeOtlpJson(jsonWriter!, batches, strings, data);
}
const queue: SpanBatch[] = [];
let queuedSpans = 0;
let exporting: Promise<void> | null = null;
let lastExportStart = -Infinity;
/** flushes (and the close) waiting for everything to be exported: exports go out without waiting */
let flushing = 0;
/** ends the current wait before an export, if any */
let wake: (() => void) | null = null;

/** Waits until EXPORT_INTERVAL_MS after the last export started, unless a flush waits or a full export's spans are queued. */
function interval(): Promise<void> {
  const wait = lastExportStart + EXPORT_INTERVAL_MS - performance.now();
  if (wait <= 0 || flushing > 0 || queuedSpans >= MAX_EXPORT_SPANS) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      wake = null;
      resolve();
    };
    const timer = setTimeout(done, wait);
    wake = done;
  });
}

function report(message: string, spans: number): void {
  port.postMessage({ type: "failed", message, spans } satisfies FromExportThread);
}

async function post(body: Buffer): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    let failure: string;
    try {
      const status = await send(body);
      if (status >= 200 && status < 300) return;
      failure = `the collector answered ${status}`;
      if (!RETRYABLE.has(status)) throw new Error(failure);
    } catch (error) {
      if (error instanceof Error && error.message.startsWith("the collector answered")) throw error;
      failure = error instanceof Error ? error.message : String(error);
    }
    const delay = RETRY_DELAYS_MS[attempt];
    // At shutdown too: the retries add at most 3 s to a drain.
    if (delay === undefined) throw new Error(failure);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

/**
 * Sends a batch's numbers back to the proxy's thread once they are read: it fills them again
 * instead of allocating 300 KB per batch, whose first writes were page faults on its thread and
 * whose external memory hurried V8's mark-compacts (docs/decisions/022-traces-exported-off-thread.md).
 */
function giveBack(batch: SpanBatch): void {
  const numbers = batch.numbers as Float64Array<ArrayBuffer>;
  port.postMessage({ type: "numbers", numbers } satisfies FromExportThread, [numbers.buffer]);
}

async function drain(): Promise<void> {
  while (queue.length > 0) {
    await interval();
    lastExportStart = performance.now();
    const batches: SpanBatch[] = [];
    let spans = 0;
    while (queue.length > 0 && (spans === 0 || spans + queue[0].count <= MAX_EXPORT_SPANS)) {
      const batch = queue.shift()!;
      batches.push(batch);
      spans += batch.count;
    }
    queuedSpans -= spans;
    try {
      const body = encode(batches);
      for (const batch of batches) giveBack(batch);
      await post(body);
    } catch (error) {
      report(`spans not exported to ${data.url}: ${(error as Error).message}`, spans);
    }
  }
}

function exportQueued(): Promise<void> {
  exporting ??= drain().finally(() => {
    exporting = null;
  });
  return exporting;
}

async function idle(): Promise<void> {
  while (exporting || queue.length > 0) await exportQueued();
}

port.on("message", (message: ToExportThread) => {
  if (message.type === "spans") {
    // The table's new strings first, even when the batch itself is dropped: later batches use them.
    strings.add(message.strings, message.firstString);
    const spans = message.count;
    if (queuedSpans + spans > MAX_QUEUED_SPANS) {
      report(`spans dropped: more than ${MAX_QUEUED_SPANS} waiting for ${data.url}`, spans);
      giveBack(message);
      return;
    }
    queue.push(message);
    queuedSpans += spans;
    if (queuedSpans >= MAX_EXPORT_SPANS) wake?.();
    void exportQueued();
    return;
  }
  flushing += 1;
  wake?.();
  void idle().then(() => {
    flushing -= 1;
    port.postMessage({ type: "flushed", id: message.id } satisfies FromExportThread);
    if (message.type === "close") port.close();
  });
});
