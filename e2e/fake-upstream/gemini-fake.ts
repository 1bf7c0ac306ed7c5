// Fake Gemini generateContent / streamGenerateContent?alt=sse. Like the real API, a bad key is a 400
// INVALID_ARGUMENT with reason API_KEY_INVALID, not a 401.
import { answerFor, countTokens, splitIntoChunks } from "./answer";
import { sendJson, writeStream, type StreamFrame } from "./fake-http";
import { headerOf, type FakeCall, type FakeEndpoint, type FakeProviderShape } from "./fake-endpoint";

const GEMINI_STATUS: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
  504: "DEADLINE_EXCEEDED",
};

export const geminiShape: FakeProviderShape = {
  authorized: (req, url, apiKey) => (headerOf(req, "x-goog-api-key") ?? url.searchParams.get("key")) === apiKey,
  sendAuthError: (res) =>
    sendJson(res, 400, {
      error: {
        code: 400,
        message: "API key not valid. Please pass a valid API key.",
        status: "INVALID_ARGUMENT",
        details: [{ "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "API_KEY_INVALID", domain: "googleapis.com" }],
      },
    }),
  errorBody: (status, message) => ({ error: { code: status, message, status: GEMINI_STATUS[status] ?? "UNKNOWN" } }),
};

interface GeminiRequest {
  contents?: { role?: string; parts?: { text?: unknown }[] }[];
  systemInstruction?: { parts?: { text?: unknown }[] };
  tools?: { functionDeclarations?: { name?: string }[] }[];
}

function partsText(parts: { text?: unknown }[] | undefined): string {
  return (parts ?? []).map((part) => (typeof part.text === "string" ? part.text : "")).join("");
}

function lastUserText(body: Record<string, unknown>): string {
  const contents = (body as GeminiRequest).contents ?? [];
  for (let i = contents.length - 1; i >= 0; i--) if (contents[i]?.role === "user") return partsText(contents[i].parts);
  return "";
}

function promptTokens(body: GeminiRequest): number {
  let tokens = countTokens(partsText(body.systemInstruction?.parts));
  for (const content of body.contents ?? []) tokens += countTokens(partsText(content.parts));
  return tokens;
}

function answerGenerate(call: FakeCall): Promise<void> | void {
  const body = call.body as GeminiRequest;
  const stream = call.url.pathname.endsWith(":streamGenerateContent");
  const model = call.pathModel ?? "gemini-fake";
  const responseId = `fake-${call.sequence}`;
  const toolName = call.directives.tool ? body.tools?.[0]?.functionDeclarations?.[0]?.name : undefined;
  const text = answerFor(call.prompt);
  const prompt = promptTokens(body);
  const output = toolName ? countTokens(call.prompt) + 4 : countTokens(text);
  const usage = { promptTokenCount: prompt, candidatesTokenCount: output, totalTokenCount: prompt + output };
  const response = (parts: unknown[], finishReason?: string, usageMetadata: unknown = usage): unknown => ({
    candidates: [{ content: { parts, role: "model" }, ...(finishReason ? { finishReason } : {}), index: 0 }],
    usageMetadata,
    modelVersion: model,
    responseId,
  });
  const toolPart = { functionCall: { name: toolName, args: { text: call.prompt } } };

  if (!stream) {
    if (call.directives.errorIn200) return sendJson(call.res, 200, geminiShape.errorBody(500, "The fake upstream failed inside a 200 answer."));
    return sendJson(call.res, 200, response(toolName ? [toolPart] : [{ text }], "STOP"));
  }
  if (call.url.searchParams.get("alt") !== "sse") {
    return sendJson(call.res, 400, geminiShape.errorBody(400, "The fake upstream only streams with alt=sse."));
  }
  // Gemini separates events with CRLF pairs; clients must accept either line ending.
  const frame = (data: unknown, content: boolean): StreamFrame => ({ text: `data: ${JSON.stringify(data)}\r\n\r\n`, content });
  const partial = { promptTokenCount: prompt, totalTokenCount: prompt };
  const frames: StreamFrame[] = toolName
    ? [frame(response([toolPart], undefined, partial), true)]
    : splitIntoChunks(text).map((piece) => frame(response([{ text: piece }], undefined, partial), true));
  if (call.directives.streamError) frames.splice(1, frames.length, frame(geminiShape.errorBody(500, "The fake upstream failed mid-stream."), false));
  else frames.push(frame(response([{ text: "" }], "STOP"), false));
  return writeStream(call.res, frames, { chunkDelayMs: call.chunkDelayMs, truncateAfter: call.directives.truncateAfter });
}

export const geminiGenerate: FakeEndpoint = { shape: geminiShape, promptOf: lastUserText, answer: answerGenerate };
