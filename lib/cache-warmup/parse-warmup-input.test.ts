import { describe, expect, it } from "vitest";
import { parseWarmupBody, parseWarmupText } from "./parse-warmup-input";
import { detectWarmupFormat } from "./warmup-format";
import { previewOf } from "./warmup-request";

const user = (content: string) => ({ messages: [{ role: "user", content }] });

describe("plain lines", () => {
  it("makes one user message per non-empty line, numbered by the file's lines", () => {
    const parsed = parseWarmupText("lines", "What is Tollgate?\r\n\n  How do I rotate a key?  \n");
    expect(parsed.errors).toEqual([]);
    expect(parsed.items).toEqual([
      { line: 1, request: user("What is Tollgate?") },
      { line: 3, request: user("How do I rotate a key?") },
    ]);
  });

  it("ignores a byte-order mark", () => {
    expect(parseWarmupText("lines", "\uFEFFhello").items).toEqual([{ line: 1, request: user("hello") }]);
  });
});

describe("JSONL", () => {
  it("keeps chat requests with their parameters, drops model and stream, reports bad lines and keeps the rest", () => {
    const text = [
      JSON.stringify({ model: "other", stream: true, messages: [{ role: "system", content: "Be brief" }, { role: "user", content: "Hi" }], temperature: 0 }),
      "{not json",
      JSON.stringify({ prompt: "Shorthand", system: "Sys", max_tokens: 50 }),
      JSON.stringify({ messages: [] }),
      JSON.stringify({ temperature: 0.2 }),
      JSON.stringify([1, 2]),
      JSON.stringify({ messages: [{ role: "user", content: "t" }], temperature: 9 }),
      JSON.stringify({ messages: [{ role: "user", content: "last" }] }),
    ].join("\n");
    const parsed = parseWarmupText("jsonl", text);
    expect(parsed.items).toEqual([
      { line: 1, request: { messages: [{ role: "system", content: "Be brief" }, { role: "user", content: "Hi" }], temperature: 0 } },
      { line: 3, request: { max_tokens: 50, messages: [{ role: "system", content: "Sys" }, { role: "user", content: "Shorthand" }] } },
      { line: 8, request: user("last") },
    ]);
    expect(parsed.errors.map((e) => e.line)).toEqual([2, 4, 5, 6, 7]);
    expect(parsed.errors[0].message).toMatch(/^Not valid JSON/);
    expect(parsed.errors[1].message).toMatch(/messages.*at least one message/);
    expect(parsed.errors[2].message).toMatch(/messages/);
    expect(parsed.errors[3].message).toMatch(/JSON object/);
    expect(parsed.errors[4].message).toMatch(/temperature/);
  });
});

describe("CSV", () => {
  it("uses the prompt column of a header row and a system column when there is one", () => {
    const parsed = parseWarmupText("csv", 'id,Prompt,system\n1,"Hello, world",Be nice\n2,"Multi\nline prompt",\n3,,x\n');
    expect(parsed.items).toEqual([
      { line: 2, request: { messages: [{ role: "system", content: "Be nice" }, { role: "user", content: "Hello, world" }] } },
      { line: 3, request: user("Multi\nline prompt") },
    ]);
    expect(parsed.errors).toEqual([{ line: 5, message: "The prompt is empty." }]);
  });

  it("without a header, takes the first column of every record", () => {
    const parsed = parseWarmupText("csv", "first question,extra\n\nsecond question\n");
    expect(parsed.items).toEqual([
      { line: 1, request: user("first question") },
      { line: 3, request: user("second question") },
    ]);
  });

  it("reports a broken quote by its line and still reads the lines after it", () => {
    const parsed = parseWarmupText("csv", 'prompt\nfine one\n"bad"x\n"unclosed, quote\nfine two\nfine three\n');
    expect(parsed.items.map((item) => [item.line, item.request.messages[0].content])).toEqual([
      [2, "fine one"],
      [5, "fine two"],
      [6, "fine three"],
    ]);
    expect(parsed.errors.map((e) => e.line)).toEqual([3, 4]);
    expect(parsed.errors[0].message).toMatch(/^Malformed CSV: Invalid Closing Quote/);
    expect(parsed.errors[1].message).toMatch(/^Malformed CSV: Quote Not Closed/);
  });
});

describe("API arrays", () => {
  it("numbers entries of prompts and requests by position", () => {
    expect(parseWarmupBody({ prompts: ["a", 3, " "] })).toEqual({
      items: [{ line: 1, request: user("a") }],
      errors: [
        { line: 2, message: "A prompt must be a string." },
        { line: 3, message: "The prompt is empty." },
      ],
    });
    const parsed = parseWarmupBody({ requests: [{ messages: [{ role: "user", content: "q" }], seed: 1 }, "nope"] });
    expect(parsed.items).toEqual([{ line: 1, request: { messages: [{ role: "user", content: "q" }], seed: 1 } }]);
    expect(parsed.errors).toEqual([{ line: 2, message: expect.stringMatching(/JSON object/) }]);
  });
});

describe("format detection and previews", () => {
  it("guesses from the file name, then from the content", () => {
    expect(detectWarmupFormat("faq.CSV", "a")).toBe("csv");
    expect(detectWarmupFormat("x.ndjson", "a")).toBe("jsonl");
    expect(detectWarmupFormat(null, '{"prompt":"a"}\n\n {"prompt":"b"}')).toBe("jsonl");
    expect(detectWarmupFormat("prompts.txt", "plain\n{json}")).toBe("lines");
  });

  it("previews the last user message on one line, shortened", () => {
    const request = { messages: [{ role: "user", content: "first" }, { role: "assistant", content: "x" }, { role: "user", content: [{ type: "text", text: "second\n  part" }] }] };
    expect(previewOf(request)).toBe("second part");
    expect(previewOf(user("a".repeat(300)), 10)).toBe(`${"a".repeat(9)}…`);
  });
});
