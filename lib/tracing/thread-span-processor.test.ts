// The span processor that hands finished spans to the OTLP export thread, against a local receiver:
// spans batched on the proxy's side arrive as OTLP JSON at a flush, a collector answering 503 gets
// the export again, and shutdown exports what is still batched. Uses the compiled thread
// (scripts/build-threads.mjs, run by the vitest setup).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ROOT_CONTEXT, SpanKind, trace } from "@opentelemetry/api";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { AlwaysOnSampler, TracerProvider } from "@opentelemetry/sdk-trace";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ThreadSpanProcessor } from "./thread-span-processor";

interface Received { status: number; spans: { name: string; kind: number; parentSpanId?: string; attributes: { key: string }[] }[] }

let server: Server;
let url: string;
const received: Received[] = [];
/** statuses to answer before answering 200 */
const failFirst: number[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const status = failFirst.shift() ?? 200;
      const body = JSON.parse(Buffer.concat(chunks).toString()) as { resourceSpans: { scopeSpans: { spans: Received["spans"] }[] }[] };
      received.push({ status, spans: body.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)) });
      response.writeHead(status, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function provider() {
  return new TracerProvider({
    resource: resourceFromAttributes({ "service.name": "test" }),
    sampler: new AlwaysOnSampler(),
    spanProcessors: [new ThreadSpanProcessor({ url, resource: { "service.name": "test" }, scope: "tollgate" })],
  });
}

describe("ThreadSpanProcessor", () => {
  it("exports the spans batched so far at a flush, parents and attributes included", async () => {
    received.length = 0;
    const traces = provider();
    const tracer = traces.getTracer("tollgate");
    const call = tracer.startSpan("chat m", { kind: SpanKind.SERVER, attributes: { "gen_ai.request.model": "m" } });
    tracer.startSpan("tollgate.admission", {}, trace.setSpan(ROOT_CONTEXT, call)).end();
    call.end();
    await traces.forceFlush();
    const spans = received.flatMap((r) => r.spans);
    expect(spans.map((s) => s.name)).toEqual(["tollgate.admission", "chat m"]);
    expect(spans[0].parentSpanId).toBe(call.spanContext().spanId);
    expect(spans[1]).toMatchObject({ kind: 2, attributes: [{ key: "gen_ai.request.model" }] });
    await traces.shutdown();
  });

  it("sends an export again when the collector answers 503, and exports what is still batched at shutdown", async () => {
    received.length = 0;
    failFirst.push(503);
    const traces = provider();
    const tracer = traces.getTracer("tollgate");
    for (let i = 0; i < 3; i += 1) tracer.startSpan(`span ${i}`).end();
    await traces.shutdown();
    expect(received.map((r) => [r.status, r.spans.length])).toEqual([
      [503, 3],
      [200, 3],
    ]);
  });
});
