import { describe, expect, it } from "vitest";
import { ApiError } from "./api-error";
import { interpretEvent, readChatStream, type PlaygroundSummary } from "./playground-stream";

function sse(...chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

const delta = (text: string) => `data: ${JSON.stringify({ object: "chat.completion.chunk", choices: [{ index: 0, delta: { content: text } }] })}\n\n`;
const summary = {
  object: "tollgate.summary",
  requestId: "req_1",
  model: "m",
  usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
  cost: 0.0001,
  latencyMs: 120,
  ttftMs: 40,
  cache: "miss",
  estimated: false,
};

describe("interpretEvent", () => {
  it("ignores chunks without text and malformed data", () => {
    expect(interpretEvent(JSON.stringify({ choices: [{ delta: { role: "assistant" } }] }))).toBeNull();
    expect(interpretEvent("not json")).toBeNull();
    expect(interpretEvent("[DONE]")).toEqual({ type: "done" });
  });
});

describe("readChatStream", () => {
  it("delivers text split across network chunks, then the summary", async () => {
    const texts: string[] = [];
    let received: PlaygroundSummary | null = null;
    const body = delta("Hel") + delta("lo") + `data: ${JSON.stringify(summary)}\n\n` + "data: [DONE]\n\n";
    // Cut the byte stream mid-event to prove the parser buffers partial lines.
    await readChatStream(sse(body.slice(0, 37), body.slice(37)), {
      onDelta: (text) => texts.push(text),
      onSummary: (s) => (received = s),
    });
    expect(texts.join("")).toBe("Hello");
    expect(received).toMatchObject({ requestId: "req_1", cache: "miss" });
  });

  it("throws the mid-stream error after the text that came before it", async () => {
    const texts: string[] = [];
    const body = delta("partial") + `data: ${JSON.stringify({ error: { message: "upstream died", code: "upstream_error" } })}\n\n` + "data: [DONE]\n\n";
    const reading = readChatStream(sse(body), { onDelta: (t) => texts.push(t), onSummary: () => undefined });
    await expect(reading).rejects.toThrow(new ApiError(200, "upstream died", "upstream_error"));
    expect(texts).toEqual(["partial"]);
  });
});
