// Bodies past PARSE_IN_OWN_TURN_BYTES through both transports: decoded in batches as they arrive (a
// character cut between network reads included), parsed in a turn of their own, and still refused
// with the same errors when they are not JSON.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readJsonBody } from "../read-body";
import { PARSE_IN_OWN_TURN_BYTES } from "./json-body";
import { fromNodeRequest } from "./node-request";

const LIMIT = 8 * 1024 * 1024;
/** 2.6 MB of JSON with three-byte characters, so that network reads and batches cut characters in two. */
const VALUE = { model: "m", messages: [{ role: "user", content: "中文 prose \"quoted\" 😀 ".repeat(150_000) }] };
const JSON_TEXT = JSON.stringify(VALUE);

/** A Web request whose body arrives in pieces of `size` bytes. */
function webRequest(text: string, size = 65_536): Request {
  const bytes = Buffer.from(text);
  let offset = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(new Uint8Array(bytes.subarray(offset, offset + size)));
      offset += size;
    },
  });
  return new Request("http://gateway.test/v1/chat/completions", { method: "POST", body, duplex: "half" } as RequestInit);
}

let server: Server;
let url: string;

beforeAll(async () => {
  // Answers what the fast path's reader made of the body: its message length, or the error's status and code.
  server = createServer((req, res) => {
    fromNodeRequest(req, res)
      .readJson(LIMIT)
      .then(
        (body) => res.end(JSON.stringify({ length: (body as typeof VALUE).messages[0].content.length })),
        (error: { status?: number; code?: string }) => res.end(JSON.stringify({ status: error.status, code: error.code })),
      );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("a large request body", () => {
  it("is past the size that gets a turn of its own", () => {
    expect(Buffer.byteLength(JSON_TEXT)).toBeGreaterThan(PARSE_IN_OWN_TURN_BYTES);
  });

  it("reads whole through a Web request, cut at odd places", async () => {
    expect(await readJsonBody(webRequest(JSON_TEXT, 65_537), LIMIT)).toEqual(VALUE);
  });

  it("reads whole through the fast path", async () => {
    const answer = await fetch(url, { method: "POST", body: JSON_TEXT });
    expect(await answer.json()).toEqual({ length: VALUE.messages[0].content.length });
  });

  // A long string without escapes is read as a slice of the body's text (lib/json/long-string-json.ts).
  const PLAIN = { model: "m", messages: [{ role: "user", content: "abcdefgh-".repeat(300_000) }], max_tokens: 5 };

  it("reads a long string written without escapes through both transports", async () => {
    const text = JSON.stringify(PLAIN);
    expect(await readJsonBody(webRequest(text), LIMIT)).toEqual(PLAIN);
    const answer = await fetch(url, { method: "POST", body: text });
    expect(await answer.json()).toEqual({ length: PLAIN.messages[0].content.length });
  });

  it("is a 400 when a long string holds a raw control character", async () => {
    // JSON.stringify would escape it: the character is put in raw, as a careless client would send it.
    const broken = JSON.stringify(PLAIN).replace("gh-abcdefgh", "gh-\u0001bcdefgh");
    expect(broken).toContain("\u0001");
    await expect(readJsonBody(webRequest(broken), LIMIT)).rejects.toMatchObject({ status: 400, code: "invalid_json" });
    const answer = await fetch(url, { method: "POST", body: broken });
    expect(await answer.json()).toEqual({ status: 400, code: "invalid_json" });
  });

  it("is still a 400 when it is not JSON", async () => {
    const broken = `${JSON_TEXT.slice(0, -2)}`;
    await expect(readJsonBody(webRequest(broken), LIMIT)).rejects.toMatchObject({ status: 400, code: "invalid_json" });
    const answer = await fetch(url, { method: "POST", body: broken });
    expect(await answer.json()).toEqual({ status: 400, code: "invalid_json" });
  });
});
