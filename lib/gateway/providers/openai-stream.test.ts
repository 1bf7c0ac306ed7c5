import { describe, expect, it } from "vitest";
import { UpstreamError } from "@/lib/http/errors";
import { UnparsedChunk, parsedChunk } from "../../openai-format/unparsed-chunk";
import { OpenAiStreamTranslator } from "./openai-stream";

const context = { providerId: "prov_test" };
const contentChunk = (extra = "") =>
  `{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"hi \\"usage\\": {"},"finish_reason":null}]${extra}}`;

describe("OpenAiStreamTranslator", () => {
  it("passes a chunk without usage or error through unread, as the upstream's own text", () => {
    const translator = new OpenAiStreamTranslator(true, context);
    const data = contentChunk(',"usage":null');
    const [chunk] = translator.translate({ data, event: undefined, id: undefined });
    expect(chunk).toBeInstanceOf(UnparsedChunk);
    expect((chunk as UnparsedChunk).json).toBe(data);
    expect(parsedChunk(chunk).choices[0].delta.content).toBe('hi "usage": {');
    expect(translator.usage).toBeNull();
  });

  it("drops the `usage: null` member when only the gateway asked for usage", () => {
    const translator = new OpenAiStreamTranslator(false, context);
    for (const data of [contentChunk(',"usage":null'), contentChunk(', "usage" : null'), `{"usage":null,"id":"c1","choices":[]}`]) {
      const [chunk] = translator.translate({ data, event: undefined, id: undefined });
      const json = (chunk as UnparsedChunk).json;
      expect(JSON.parse(json)).not.toHaveProperty("usage");
      expect(json).not.toMatch(/"usage"\s*:\s*null/);
    }
    // the same text inside content is not touched
    const quoted = `{"id":"c1","choices":[{"index":0,"delta":{"content":",\\"usage\\":null"}}]}`;
    expect((translator.translate({ data: quoted, event: undefined, id: undefined })[0] as UnparsedChunk).json).toBe(quoted);
  });

  it("reads the usage chunk, hiding it unless the client asked for usage", () => {
    const usageChunk = `{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":5,"total_tokens":8}}`;
    const hidden = new OpenAiStreamTranslator(false, context);
    expect(hidden.translate({ data: usageChunk, event: undefined, id: undefined })).toEqual([]);
    expect(hidden.usage).toEqual({ prompt_tokens: 3, completion_tokens: 5, total_tokens: 8 });
    const forwarded = new OpenAiStreamTranslator(true, context);
    const [chunk] = forwarded.translate({ data: usageChunk, event: undefined, id: undefined });
    // read for its usage, then passed on as the upstream's own text
    expect((chunk as UnparsedChunk).json).toBe(usageChunk);
    expect(parsedChunk(chunk).usage?.completion_tokens).toBe(5);
    expect(forwarded.usage?.completion_tokens).toBe(5);
  });

  it("passes an event broken inside its braces on as sent; reading it is the upstream's bad response", () => {
    const translator = new OpenAiStreamTranslator(true, context);
    const [chunk] = translator.translate({ data: `{"id":"c1","choices":[{]}`, event: undefined, id: undefined });
    expect((chunk as UnparsedChunk).json).toBe(`{"id":"c1","choices":[{]}`);
    expect(() => parsedChunk(chunk)).toThrow(UpstreamError);
  });

  it("recognizes error objects and error events, and [DONE] as the end", () => {
    const translator = new OpenAiStreamTranslator(true, context);
    expect(() => translator.translate({ data: `{"error":{"message":"overloaded","type":"server_error"}}`, event: undefined, id: undefined })).toThrow(UpstreamError);
    expect(() => translator.translate({ data: `{"message":"overloaded"}`, event: "error", id: undefined })).toThrow(UpstreamError);
    expect(() => translator.translate({ data: "not json", event: undefined, id: undefined })).toThrow(/not a JSON object/);
    expect(translator.finished).toBe(false);
    expect(translator.translate({ data: "[DONE]", event: undefined, id: undefined })).toEqual([]);
    expect(translator.finished).toBe(true);
  });
});
