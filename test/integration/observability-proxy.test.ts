// Traces and the access log of the real proxy (scripts/server.mjs with the bundled fast path, as
// `npm start` runs it, minus Next.js), exporting to an OTLP/HTTP receiver in this test that decodes
// the payloads in the default encoding, protobuf, with an independent decoder (docs/observability.md): a span per call with the GenAI attributes, under the
// caller's traceparent, children for admission, each upstream attempt and the usage write; one
// access-log line per recorded call, without the prompt or the answer.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { createInterface } from "node:readline";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeUpstream, type FakeUpstream } from "@/e2e/fake-upstream/server";
import { decodeOtlpBody } from "../support/otlp-protobuf-decoder";
import { createProviderWithModel, createUserWithKey } from "../support/gateway-fixtures";

const ROOT = path.resolve(__dirname, "../..");
const PROMPT = "a secret prompt about penguins";

interface OtlpValue { stringValue?: string; intValue?: string | number; boolValue?: boolean; doubleValue?: number }
interface OtlpSpan { traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number; attributes: { key: string; value: OtlpValue }[]; status?: { code?: number } }
interface OtlpPayload { resourceSpans: { resource: { attributes: { key: string; value: OtlpValue }[] }; scopeSpans: { spans: OtlpSpan[] }[] }[] }

const SERVER = 2;
const CLIENT = 3;
const ERROR = 2;

function attr(span: OtlpSpan, key: string): string | number | boolean | undefined {
  const value = span.attributes.find((a) => a.key === key)?.value;
  if (!value) return undefined;
  if (value.intValue !== undefined) return Number(value.intValue);
  return value.stringValue ?? value.boolValue ?? value.doubleValue;
}

let upstream: FakeUpstream;
let receiver: Server;
const payloads: OtlpPayload[] = [];
const contentTypes: string[] = [];
let server: ChildProcess;
const stdout: string[] = [];
let exited: Promise<number | null>;
let baseURL: string;
let model: string;
let retriedModel: string;
let key: string;
let keyId: string;

beforeAll(async () => {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      if (request.url === "/v1/traces") {
        contentTypes.push(request.headers["content-type"] ?? "");
        payloads.push(decodeOtlpBody<OtlpPayload>(request.headers["content-type"], Buffer.concat(chunks)));
      }
      // An empty ExportTraceServiceResponse.
      response.writeHead(200, { "content-type": "application/x-protobuf" }).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  upstream = await startFakeUpstream({ apiKey: "sk-upstream" });
  model = (await createProviderWithModel({ kind: "openai-compatible", baseUrl: `${upstream.url}/v1`, apiKey: "sk-upstream" })).modelName;
  retriedModel = (await createProviderWithModel({ kind: "openai-compatible", baseUrl: `${upstream.url}/v1`, apiKey: "sk-upstream", maxRetries: 1 })).modelName;
  ({ key, keyId } = await createUserWithKey());
  server = spawn(process.execPath, ["test/support/proxy-only-server.mjs"], {
    cwd: ROOT,
    env: {
      ...process.env, LOG_LEVEL: "info", ACCESS_LOG: "on", OTEL_SERVICE_NAME: "tollgate-under-test",
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  exited = new Promise((resolve) => server.once("exit", (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    createInterface({ input: server.stdout! }).on("line", (line) => {
      stdout.push(line);
      const match = /^\{"port":(\d+)\}$/.exec(line.trim());
      if (match) resolve(Number(match[1]));
    });
    server.once("exit", (code) => reject(new Error(`the server exited early (code ${code})`)));
  });
  baseURL = `http://127.0.0.1:${port}/v1`;
}, 90_000);

afterAll(async () => {
  if (server?.exitCode === null) server.kill("SIGKILL");
  await upstream?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});

describe("the proxy with OTEL_EXPORTER_OTLP_ENDPOINT and ACCESS_LOG=on", () => {
  it("exports a span per call with GenAI attributes and its children, and writes one access-log line per call", async () => {
    const client = new OpenAI({ apiKey: key, baseURL, maxRetries: 0 });
    const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    const parentId = "00f067aa0ba902b7";
    const answer = await client.chat.completions.create({ model, messages: [{ role: "user", content: PROMPT }] }, { headers: { traceparent: `00-${traceId}-${parentId}-01` } });
    const stream = await client.chat.completions.create({ model, stream: true, messages: [{ role: "user", content: PROMPT }] });
    let streamed = "";
    for await (const chunk of stream) streamed += chunk.choices[0]?.delta?.content ?? "";
    const failed = await client.chat.completions.create({ model: retriedModel, messages: [{ role: "user", content: `${PROMPT} [[fake:status=503]]` }] }).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(OpenAI.APIError);
    const unauthenticated = await new OpenAI({ apiKey: "tg-not-a-key", baseURL, maxRetries: 0 }).chat.completions.create({ model, messages: [{ role: "user", content: PROMPT }] }).catch((error: unknown) => error);
    expect((unauthenticated as InstanceType<typeof OpenAI.APIError>).status).toBe(401);

    // SIGTERM: the server drains, and exports the spans still batched before it exits.
    server.kill("SIGTERM");
    expect(await exited).toBe(0);

    expect(contentTypes.length).toBeGreaterThan(0);
    expect(contentTypes.every((type) => type === "application/x-protobuf")).toBe(true);
    const resource = payloads[0].resourceSpans[0].resource.attributes.find((a) => a.key === "service.name");
    expect(resource?.value.stringValue).toBe("tollgate-under-test");
    const spans = payloads.flatMap((p) => p.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)));
    const calls = spans.filter((s) => s.kind === SERVER);
    expect(calls).toHaveLength(4);

    // The JSON call: under the caller's trace, the GenAI attributes of what the ledger booked.
    const json = calls.find((s) => attr(s, "tollgate.request_id") === answer._request_id)!;
    expect(json).toMatchObject({ traceId, parentSpanId: parentId, name: `chat ${model}` });
    expect(attr(json, "gen_ai.operation.name")).toBe("chat");
    expect(attr(json, "gen_ai.request.model")).toBe(model);
    expect(attr(json, "gen_ai.response.model")).toBe("upstream-model");
    expect(attr(json, "gen_ai.provider.name")).toBe("openai-compatible");
    expect(attr(json, "gen_ai.usage.input_tokens")).toBe(answer.usage!.prompt_tokens);
    expect(attr(json, "gen_ai.usage.output_tokens")).toBe(answer.usage!.completion_tokens);
    expect(attr(json, "http.response.status_code")).toBe(200);
    const children = spans.filter((s) => s.parentSpanId === json.spanId);
    expect(children.map((s) => s.name).sort()).toEqual(["chat upstream-model", "tollgate.admission", "tollgate.usage.write"]);
    const attempt = children.find((s) => s.kind === CLIENT)!;
    expect(attr(attempt, "gen_ai.request.model")).toBe("upstream-model");
    expect(attr(attempt, "server.address")).toBe("127.0.0.1");
    expect(attr(attempt, "tollgate.attempt")).toBe(1);

    // The stream: a trace of its own (no traceparent), its attempt ending with the stream.
    const streamedCall = calls.find((s) => s !== json && attr(s, "tollgate.streamed") === true)!;
    expect(streamedCall.traceId).not.toBe(traceId);
    expect(streamedCall.parentSpanId ?? "").toBe("");
    expect(attr(streamedCall, "gen_ai.usage.output_tokens")).toBeGreaterThan(0);
    expect(spans.filter((s) => s.parentSpanId === streamedCall.spanId && s.kind === CLIENT)).toHaveLength(1);

    // The failing call: two attempts (a retry), each with its error; the call is a 502.
    const failedCall = calls.find((s) => attr(s, "gen_ai.request.model") === retriedModel)!;
    expect(failedCall.status?.code).toBe(ERROR);
    expect(attr(failedCall, "http.response.status_code")).toBe(502);
    const failedAttempts = spans.filter((s) => s.parentSpanId === failedCall.spanId && s.kind === CLIENT);
    expect(failedAttempts.map((s) => [attr(s, "tollgate.attempt"), attr(s, "http.response.status_code"), s.status?.code])).toEqual([
      [1, 503, ERROR],
      [2, 503, ERROR],
    ]);

    // The bad key: no usage record, the span still ends with the client's status.
    const refused = calls.find((s) => attr(s, "http.response.status_code") === 401)!;
    expect(attr(refused, "error.type")).toBe("invalid_api_key");

    // The access log: one line per recorded call, never the prompt or the answer.
    const lines = stdout.filter((line) => line.includes('"log":"access"')).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(3);
    expect(lines.find((l) => l.requestId === answer._request_id)).toMatchObject({
      keyId, model, status: 200, endpoint: "chat.completions", streamed: false, attempts: 1,
      inputTokens: answer.usage!.prompt_tokens, outputTokens: answer.usage!.completion_tokens,
    });
    expect(lines.find((l) => l.status === 502)).toMatchObject({ model: retriedModel, attempts: 2 });
    const everything = stdout.join("\n");
    expect(everything).not.toContain("penguins");
    expect(everything).not.toContain(streamed.slice(0, 20));
    expect(everything).not.toContain(answer.choices[0].message.content!.slice(0, 20));
  }, 90_000);
});
