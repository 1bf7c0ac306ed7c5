import { describe, expect, it } from "vitest";
import { parseBatchInput } from "./parse-batch-input";

const chat = (customId: string, body: Record<string, unknown> = { model: "m", messages: [{ role: "user", content: "hi" }] }, url = "/v1/chat/completions") =>
  JSON.stringify({ custom_id: customId, method: "POST", url, body });

describe("a batch input file's lines", () => {
  it("keeps the valid requests with their line numbers (blank lines counted, CRLF accepted)", () => {
    const parsed = parseBatchInput(`${chat("a")}\r\n\n${chat("b")}\n`, "/v1/chat/completions");
    expect(parsed).toEqual([
      { line: 1, customId: "a", body: JSON.stringify({ model: "m", messages: [{ role: "user", content: "hi" }] }) },
      { line: 3, customId: "b", body: JSON.stringify({ model: "m", messages: [{ role: "user", content: "hi" }] }) },
    ]);
  });

  it("reports each malformed line with its number and reason, and keeps the rest", () => {
    const lines = [
      "{not json",
      "[1,2]",
      JSON.stringify({ method: "POST", url: "/v1/chat/completions", body: {} }),
      chat("dup"),
      chat("dup"),
      JSON.stringify({ custom_id: "get", method: "GET", url: "/v1/chat/completions", body: {} }),
      chat("url", undefined, "/v1/embeddings"),
      JSON.stringify({ custom_id: "nobody", method: "POST", url: "/v1/chat/completions" }),
      chat("stream", { model: "m", messages: [{ role: "user", content: "x" }], stream: true }),
      chat("temp", { model: "m", messages: [{ role: "user", content: "x" }], temperature: 9 }),
      chat("ok"),
    ];
    const parsed = parseBatchInput(lines.join("\n"), "/v1/chat/completions");
    const errors = parsed.flatMap((entry) => ("error" in entry ? [[entry.line, entry.customId, entry.error]] : []));
    expect(errors.map(([line]) => line)).toEqual([1, 2, 3, 5, 6, 7, 8, 9, 10]);
    expect(errors[0][2]).toBe("The line is not valid JSON.");
    expect(errors[2][2]).toMatch(/^custom_id: required/);
    expect(errors[3]).toEqual([5, "dup", 'custom_id: "dup" is used by an earlier line; each request needs its own.']);
    expect(errors[4][2]).toBe('method: must be "POST".');
    expect(errors[5][2]).toBe("url: must be the batch's endpoint, /v1/chat/completions.");
    expect(errors[6][2]).toMatch(/^body: required/);
    expect(errors[7][2]).toMatch(/streaming is not supported/);
    expect(errors[8][2]).toMatch(/^body: .*temperature/);
    expect(parsed.filter((entry) => "body" in entry).map((entry) => entry.customId)).toEqual(["dup", "ok"]);
  });

  it("checks embeddings lines as the embeddings endpoint does", () => {
    const parsed = parseBatchInput([chat("e", { model: "m", input: "text" }, "/v1/embeddings"), chat("bad", { model: "m" }, "/v1/embeddings")].join("\n"), "/v1/embeddings");
    expect("body" in parsed[0]).toBe(true);
    expect(parsed[1]).toMatchObject({ line: 2, customId: "bad", error: expect.stringMatching(/^body: .*input/) });
  });
});
