import { describe, expect, it } from "vitest";
import { BadRequestError } from "../http/errors";
import { parseChatRequest, parseEmbeddingsRequest } from "./validate";

const limits = { maxMessages: 3, maxTokens: 1000 };
const valid = { model: "m", messages: [{ role: "user", content: "hi" }] };

function badRequest(fn: () => unknown): BadRequestError {
  try {
    fn();
  } catch (error) {
    if (error instanceof BadRequestError) return error;
    throw error;
  }
  throw new Error("expected a BadRequestError");
}

describe("parseChatRequest", () => {
  it("accepts a minimal request and keeps unknown fields untouched", () => {
    const body = { ...valid, seed: 7, response_format: { type: "json_object" }, vendor_field: { a: 1 } };
    expect(parseChatRequest(body, limits)).toBe(body);
  });

  it("names the missing or wrong field in `param`", () => {
    expect(badRequest(() => parseChatRequest({ messages: valid.messages }, limits)).param).toBe("model");
    expect(badRequest(() => parseChatRequest({ model: "m", messages: [] }, limits)).param).toBe("messages");
    expect(badRequest(() => parseChatRequest({ model: "m", messages: [{ content: "x" }] }, limits)).param).toBe("messages.0.role");
    expect(badRequest(() => parseChatRequest({ ...valid, temperature: 9 }, limits)).param).toBe("temperature");
  });

  it("enforces the configured message count and max_tokens limits", () => {
    const many = { model: "m", messages: Array.from({ length: 4 }, () => ({ role: "user", content: "x" })) };
    expect(badRequest(() => parseChatRequest(many, limits)).message).toMatch(/at most 3/);
    expect(badRequest(() => parseChatRequest({ ...valid, max_tokens: 1001 }, limits)).param).toBe("max_tokens");
    expect(badRequest(() => parseChatRequest({ ...valid, max_completion_tokens: 5000 }, limits)).param).toBe("max_completion_tokens");
  });

  it("rejects bodies that are not objects", () => {
    expect(badRequest(() => parseChatRequest([valid], limits)).message).toMatch(/JSON object/);
  });
});

describe("parseEmbeddingsRequest", () => {
  it("accepts strings, string arrays and token arrays; rejects empty input", () => {
    expect(parseEmbeddingsRequest({ model: "e", input: "x" }).input).toBe("x");
    expect(parseEmbeddingsRequest({ model: "e", input: [[1, 2]] }).input).toEqual([[1, 2]]);
    expect(badRequest(() => parseEmbeddingsRequest({ model: "e", input: [] })).param).toBe("input");
  });
});
