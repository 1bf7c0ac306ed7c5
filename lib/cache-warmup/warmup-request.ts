// One warm-up item as a chat request body: from a plain prompt, or from a request object (a JSONL
// line or an entry of `requests`), checked with the proxy's own validation so an item the gateway
// would refuse is reported at upload time instead of failing later.
import { HttpError } from "../http/errors";
import { requestLimits } from "../gateway/run-chat-completion";
import { parseChatRequest } from "../gateway/validate";
import type { ChatMessage } from "../openai-format/types";

/** A chat request without `model` and `stream`: the job decides both. */
export type WarmupRequestBody = { messages: ChatMessage[] } & Record<string, unknown>;

export type ItemResult = { request: WarmupRequestBody } | { error: string };

// Set per call by the runner; a line's own values would only make the job's model ambiguous.
const JOB_OWNED_FIELDS = ["model", "stream", "stream_options"];

function validated(body: Record<string, unknown>): ItemResult {
  const request: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) if (!JOB_OWNED_FIELDS.includes(key)) request[key] = value;
  try {
    parseChatRequest({ ...request, model: "warm-up" }, requestLimits());
  } catch (error) {
    if (error instanceof HttpError) return { error: error.message };
    throw error;
  }
  return { request: request as WarmupRequestBody };
}

export function requestFromPrompt(prompt: unknown, system?: string): ItemResult {
  if (typeof prompt !== "string") return { error: "A prompt must be a string." };
  const text = prompt.trim();
  if (text === "") return { error: "The prompt is empty." };
  const messages: ChatMessage[] = system?.trim() ? [{ role: "system", content: system.trim() }] : [];
  messages.push({ role: "user", content: text });
  return validated({ messages });
}

/** `{ "messages": [...], …parameters }`, or the shorthand `{ "prompt": "…", "system"?: "…" }`. */
export function requestFromObject(value: unknown): ItemResult {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { error: "Expected a JSON object with `messages` or `prompt`." };
  const body = value as Record<string, unknown>;
  if (body.messages === undefined && body.prompt !== undefined) {
    const { prompt, system, ...parameters } = body;
    const fromPrompt = requestFromPrompt(prompt, typeof system === "string" ? system : undefined);
    return "error" in fromPrompt ? fromPrompt : validated({ ...parameters, messages: fromPrompt.request.messages });
  }
  if (body.messages === undefined) return { error: "Expected `messages` (a chat request) or `prompt`." };
  return validated(body);
}

/** The last user message as plain text, shortened: what the results table shows for an item. */
export function previewOf(request: WarmupRequestBody, maxLength = 200): string {
  const last = [...request.messages].reverse().find((message) => message.role === "user") ?? request.messages.at(-1);
  const content = last?.content;
  const text = typeof content === "string" ? content : Array.isArray(content) ? content.map((part) => part.text ?? "").join(" ") : "";
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > maxLength ? `${oneLine.slice(0, maxLength - 1)}…` : oneLine;
}
