import { describe, expect, it } from "vitest";
import type { ChatCompletionChunk } from "@/lib/openai-format/types";
import { UpstreamError } from "@/lib/http/errors";
import { toGeminiRequest } from "./gemini-request";
import { fromGeminiResponse, type GeminiResponse } from "./gemini-response";
import { GeminiStreamTranslator } from "./gemini-stream";
import { fromGeminiEmbedResponse, toGeminiEmbedRequest } from "./gemini-embeddings";

const context = { providerId: "gemini-main" };

describe("toGeminiRequest", () => {
  it("maps roles, system instruction, images and generation config", () => {
    const body = toGeminiRequest({
      model: "m",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: [{ type: "text", text: "What is this?" }, { type: "image_url", image_url: { url: "data:image/jpeg;base64,/9j/4AAQ" } }] },
        { role: "assistant", content: "A cat." },
        { role: "user", content: "Sure?" },
      ],
      max_tokens: 100,
      temperature: 0.2,
      top_p: 0.8,
      stop: ["END"],
      response_format: { type: "json_object" },
    });
    expect(body).toEqual({
      systemInstruction: { parts: [{ text: "Be brief." }] },
      contents: [
        { role: "user", parts: [{ text: "What is this?" }, { inlineData: { mimeType: "image/jpeg", data: "/9j/4AAQ" } }] },
        { role: "model", parts: [{ text: "A cat." }] },
        { role: "user", parts: [{ text: "Sure?" }] },
      ],
      generationConfig: { maxOutputTokens: 100, temperature: 0.2, topP: 0.8, stopSequences: ["END"], responseMimeType: "application/json" },
    });
  });

  it("passes a json_schema response format as responseJsonSchema", () => {
    const schema = { type: "object", properties: { a: { type: "string" } } };
    const body = toGeminiRequest({ model: "m", messages: [{ role: "user", content: "x" }], response_format: { type: "json_schema", json_schema: { name: "s", schema } } });
    expect(body.generationConfig).toEqual({ responseMimeType: "application/json", responseJsonSchema: schema });
  });

  it("maps tools, tool_choice, function calls and function responses (named from the earlier call)", () => {
    const parameters = { type: "object", properties: { city: { type: "string" } }, additionalProperties: false };
    const body = toGeminiRequest({
      model: "m",
      messages: [
        { role: "user", content: "Weather in Paris?" },
        { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }] },
        { role: "tool", tool_call_id: "call_1", content: '{"temp":18}' },
        { role: "tool", tool_call_id: "call_1", content: "plain text" },
      ],
      tools: [{ type: "function", function: { name: "get_weather", description: "Weather", parameters } }],
      tool_choice: { type: "function", function: { name: "get_weather" } },
    });
    expect(body.tools).toEqual([{ functionDeclarations: [{ name: "get_weather", description: "Weather", parametersJsonSchema: parameters }] }]);
    expect(body.toolConfig).toEqual({ functionCallingConfig: { mode: "ANY", allowedFunctionNames: ["get_weather"] } });
    expect(body.contents).toEqual([
      { role: "user", parts: [{ text: "Weather in Paris?" }] },
      { role: "model", parts: [{ functionCall: { name: "get_weather", args: { city: "Paris" } } }] },
      {
        role: "user",
        parts: [
          { functionResponse: { name: "get_weather", response: { temp: 18 } } },
          { functionResponse: { name: "get_weather", response: { result: "plain text" } } },
        ],
      },
    ]);
  });

  it("refuses remote image URLs with a 400", () => {
    const remote = () => toGeminiRequest({ model: "m", messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "https://x/cat.png" } }] }] });
    expect(remote).toThrowError(expect.objectContaining({ status: 400 }));
  });
});

describe("fromGeminiResponse", () => {
  it("maps text, usage and finish reasons", () => {
    const completion = fromGeminiResponse(
      {
        candidates: [{ content: { role: "model", parts: [{ text: "thinking…", thought: true }, { text: "Hello" }, { text: " there" }] }, finishReason: "STOP", index: 0 }],
        usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 4, thoughtsTokenCount: 6, cachedContentTokenCount: 2 },
        modelVersion: "gemini-2.5-flash",
        responseId: "resp_1",
      },
      "fallback",
    );
    expect(completion).toMatchObject({
      id: "resp_1",
      model: "gemini-2.5-flash",
      choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content: "Hello there" } }],
      usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20, prompt_tokens_details: { cached_tokens: 2 } },
    });
  });

  it("turns function calls into tool_calls and maps the filter reasons", () => {
    const withCall: GeminiResponse = {
      candidates: [{ content: { parts: [{ functionCall: { name: "get_weather", args: { city: "Paris" } } }] }, finishReason: "STOP" }],
    };
    const choice = fromGeminiResponse(withCall, "gemini-x").choices[0];
    expect(choice.finish_reason).toBe("tool_calls");
    expect(choice.message.content).toBeNull();
    expect(choice.message.tool_calls?.[0]).toMatchObject({ type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } });
    expect(choice.message.tool_calls?.[0].id).toMatch(/^call_/);
    const reasonFor = (finishReason: string) => fromGeminiResponse({ candidates: [{ content: { parts: [] }, finishReason }] }, "m").choices[0].finish_reason;
    expect(reasonFor("MAX_TOKENS")).toBe("length");
    expect(reasonFor("SAFETY")).toBe("content_filter");
    expect(reasonFor("RECITATION")).toBe("content_filter");
    expect(fromGeminiResponse({ promptFeedback: { blockReason: "SAFETY" } }, "m").choices[0]).toMatchObject({ finish_reason: "content_filter", message: { content: null } });
  });
});

function run(translator: GeminiStreamTranslator, events: unknown[]): ChatCompletionChunk[] {
  return events.flatMap((data) => translator.translate({ data: JSON.stringify(data) }));
}

describe("GeminiStreamTranslator", () => {
  it("streams text, finishes on finishReason and emits usage at the end when asked", () => {
    const translator = new GeminiStreamTranslator("gemini-x", true, context);
    const chunks = run(translator, [
      { candidates: [{ content: { role: "model", parts: [{ text: "Hel" }] }, index: 0 }], usageMetadata: { promptTokenCount: 5 }, responseId: "r1", modelVersion: "gemini-2.5" },
      { candidates: [{ content: { role: "model", parts: [{ text: "lo" }] }, index: 0 }], responseId: "r1" },
      { candidates: [{ content: { role: "model", parts: [{ text: "" }] }, finishReason: "MAX_TOKENS", index: 0 }], usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 2 } },
    ]);
    expect(chunks.map((chunk) => chunk.choices[0].delta)).toEqual([{ role: "assistant", content: "Hel" }, { content: "lo" }, {}]);
    expect(chunks[2].choices[0].finish_reason).toBe("length");
    expect(chunks.every((chunk) => chunk.id === "r1" && chunk.model === "gemini-2.5")).toBe(true);
    expect(translator.finished).toBe(true);
    expect(translator.end()).toEqual([expect.objectContaining({ choices: [], usage: expect.objectContaining({ prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 }) })]);
  });

  it("streams function calls whole and finishes with tool_calls", () => {
    const translator = new GeminiStreamTranslator("gemini-x", false, context);
    const chunks = run(translator, [
      { candidates: [{ content: { parts: [{ functionCall: { name: "a", args: { x: 1 } } }, { functionCall: { name: "b", args: {} } }] }, finishReason: "STOP" }] },
    ]);
    expect(chunks).toHaveLength(1);
    expect(chunks[0].choices[0].finish_reason).toBe("tool_calls");
    expect(chunks[0].choices[0].delta.tool_calls).toEqual([
      expect.objectContaining({ index: 0, type: "function", function: { name: "a", arguments: '{"x":1}' } }),
      expect.objectContaining({ index: 1, type: "function", function: { name: "b", arguments: "{}" } }),
    ]);
    expect(translator.end()).toEqual([]);
  });

  it("is not finished without a finishReason, and throws an in-stream error", () => {
    const translator = new GeminiStreamTranslator("gemini-x", false, context);
    run(translator, [{ candidates: [{ content: { parts: [{ text: "partial" }] } }] }]);
    expect(translator.finished).toBe(false);
    expect(() => run(translator, [{ error: { code: 500, message: "Internal", status: "INTERNAL" } }])).toThrowError(UpstreamError);
  });
});

describe("Gemini embeddings", () => {
  it("builds a batch request and answers in OpenAI's shape, base64 when asked", () => {
    expect(toGeminiEmbedRequest(["a", "b"], "text-embedding-004", 8)).toEqual({
      requests: [
        { model: "models/text-embedding-004", content: { parts: [{ text: "a" }] }, outputDimensionality: 8 },
        { model: "models/text-embedding-004", content: { parts: [{ text: "b" }] }, outputDimensionality: 8 },
      ],
    });
    const response = fromGeminiEmbedResponse({ embeddings: [{ values: [0.5, -1] }] }, ["abcdefgh"], "text-embedding-004", "base64");
    expect(response.usage).toEqual({ prompt_tokens: 2, total_tokens: 2 });
    const decoded = new Float32Array(Uint8Array.from(Buffer.from(response.data[0].embedding as string, "base64")).buffer);
    expect(Array.from(decoded)).toEqual([0.5, -1]);
  });
});
