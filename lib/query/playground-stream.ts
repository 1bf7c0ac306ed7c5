// Client for POST /api/playground/chat: OpenAI chat chunks over SSE, then one Tollgate summary event
// (tokens, cost, latency, cache) before [DONE]. Errors arrive either as a non-200 JSON body or as a
// `data: {"error": …}` event mid-stream; both surface as ApiError.
import { createParser } from "eventsource-parser";
import { ApiError, apiErrorFromResponse } from "./api-error";

export interface ChatTurn {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface PlaygroundRequest {
  model: string;
  messages: ChatTurn[];
  temperature?: number;
  max_tokens?: number;
}

export interface PlaygroundSummary {
  requestId: string;
  model: string;
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
  cost: number;
  latencyMs: number;
  ttftMs: number | null;
  /** the response cache's verdict (docs/cache.md) */
  cache: "hit" | "semantic-hit" | "miss" | "bypass" | "shadow";
  /** on hits: dollars the cached answer saved, its age and (semantic) similarity */
  costSaved?: number;
  cacheAgeSeconds?: number;
  cacheSimilarity?: number | null;
  estimated: boolean;
  /** routing (docs/routing.md): the provider and deployment that answered, the upstream attempts, the fallback model that served */
  provider?: string;
  deploymentId?: string;
  attempts?: number;
  fallbackModel?: string | null;
}

export type StreamEvent =
  | { type: "delta"; text: string }
  | { type: "summary"; summary: PlaygroundSummary }
  | { type: "error"; message: string; code: string | null }
  | { type: "done" };

/** One SSE `data:` payload to what it means for the chat; null for chunks without text (role, finish). */
export function interpretEvent(data: string): StreamEvent | null {
  if (data.trim() === "[DONE]") return { type: "done" };
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(data) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (json.error && typeof json.error === "object") {
    const error = json.error as { message?: unknown; code?: unknown };
    return {
      type: "error",
      message: typeof error.message === "string" ? error.message : "The model stopped with an error.",
      code: typeof error.code === "string" ? error.code : null,
    };
  }
  if (json.object === "tollgate.summary") return { type: "summary", summary: json as unknown as PlaygroundSummary };
  const choices = json.choices as { delta?: { content?: unknown } }[] | undefined;
  const text = choices?.[0]?.delta?.content;
  return typeof text === "string" && text.length > 0 ? { type: "delta", text } : null;
}

export interface StreamHandlers {
  onDelta: (text: string) => void;
  onSummary: (summary: PlaygroundSummary) => void;
  /** called once the response headers are in, so even a failed answer can show its request id */
  onRequestId?: (requestId: string) => void;
}

/** Reads an SSE body to the end (or [DONE]); throws ApiError on an error event. */
export async function readChatStream(
  body: ReadableStream<Uint8Array>,
  handlers: StreamHandlers,
  status = 200,
  requestId: string | null = null,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let failure: ApiError | null = null;
  let done = false;
  const parser = createParser({
    onEvent: (message) => {
      if (done || failure) return;
      const event = interpretEvent(message.data);
      if (!event) return;
      if (event.type === "delta") handlers.onDelta(event.text);
      else if (event.type === "summary") handlers.onSummary(event.summary);
      else if (event.type === "error") failure = new ApiError(status, event.message, event.code, null, requestId);
      else done = true;
    },
  });
  try {
    while (!done && !failure) {
      const chunk = await reader.read();
      if (chunk.done) break;
      parser.feed(decoder.decode(chunk.value, { stream: true }));
    }
  } finally {
    // Stop the download once we have what we need (or on error); harmless when already finished.
    reader.cancel().catch(() => undefined);
  }
  if (failure) throw failure;
}

export async function streamPlaygroundChat(request: PlaygroundRequest, handlers: StreamHandlers, signal: AbortSignal): Promise<void> {
  const response = await fetch("/api/playground/chat", {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": "application/json", accept: "text/event-stream" },
    body: JSON.stringify(request),
    signal,
  });
  const requestId = response.headers.get("x-request-id");
  if (requestId) handlers.onRequestId?.(requestId);
  if (!response.ok) throw await apiErrorFromResponse(response);
  if (!response.body) throw new ApiError(response.status, "The server sent an empty answer.", null, null, requestId);
  await readChatStream(response.body, handlers, response.status, requestId);
}
