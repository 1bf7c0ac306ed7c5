// The Batch API's JSON bodies (readApiJson) through a real node:http server, as the fast path serves
// POST /v1/batches: the proxy's read loop and rules (a declared or running size past the limit is a
// 413 and the connection closes after it; an empty or malformed body a 400; a body cut off a 408).
import { request as httpRequest, createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromNodeApiRequest } from "./api-request";
import { readApiJson } from "./read-upload";

const LIMIT = 1024;
let server: Server;
let port: number;
const settled: { status?: number; code?: string; body?: unknown }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    readApiJson(fromNodeApiRequest(req, res), LIMIT).then(
      (body) => {
        settled.push({ body });
        res.end(JSON.stringify({ body }));
      },
      (error: { status: number; code: string }) => {
        settled.push({ status: error.status, code: error.code });
        res.writeHead(error.status, { "content-type": "application/json" }).end(JSON.stringify({ status: error.status, code: error.code }));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function post(chunks: string[], headers: Record<string, string> = {}): Promise<{ status: number; connection: string | undefined; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, method: "POST", path: "/v1/batches", headers: { "content-type": "application/json", ...headers } }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (chunk: Buffer) => parts.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode!, connection: res.headers.connection, body: JSON.parse(Buffer.concat(parts).toString()) as Record<string, unknown> }));
    });
    req.on("error", reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe("readApiJson", () => {
  it("parses a JSON body that arrives in pieces", async () => {
    const answer = await post(['{"input_file_id":', '"file-1","endpoint":"/v1/chat/completions"}']);
    expect(answer).toMatchObject({ status: 200, body: { body: { input_file_id: "file-1", endpoint: "/v1/chat/completions" } } });
  });

  it("refuses a declared length over the limit before reading, and a running size over it, with a 413 and connection: close", async () => {
    const declared = await post(["{}"], { "content-length": String(LIMIT + 1) }).catch(() => null);
    // The server may cut the connection after its answer, before the client sent the declared bytes.
    if (declared) expect(declared).toMatchObject({ status: 413, connection: "close", body: { code: "body_too_large" } });
    const running = await post([`{"pad":"${"x".repeat(600)}`, `${"y".repeat(600)}"}`]);
    expect(running).toMatchObject({ status: 413, connection: "close", body: { code: "body_too_large" } });
  });

  it("answers 400 for an empty or malformed body", async () => {
    expect(await post([])).toMatchObject({ status: 400, body: { code: "empty_body" } });
    expect(await post(["   "])).toMatchObject({ status: 400, body: { code: "empty_body" } });
    expect(await post(["{not json"])).toMatchObject({ status: 400, body: { code: "invalid_json" } });
  });

  it("settles a body the client cut off mid-way as a 408", async () => {
    const before = settled.length;
    const socket = connect(port, "127.0.0.1");
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    socket.write("POST /v1/batches HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 500\r\n\r\n{\"input");
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.destroy();
    await expect.poll(() => settled.length).toBe(before + 1);
    expect(settled.at(-1)).toEqual({ status: 408, code: "incomplete_body" });
  });
});
