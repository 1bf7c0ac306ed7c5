// Cache keys. The exact key is a SHA-256 of the organization, the namespace, the public model name
// and the canonical request (every field that can change the answer, keys sorted; not `stream`,
// `stream_options` or `user`), so a streamed and a non-streamed request share an entry and no two
// namespaces ever share one. The context key is the same hash with the last user message left
// out: semantic lookups compare only entries whose context key matches (same namespace, model,
// earlier conversation and parameters).
import { hash } from "node:crypto";
import type { ChatCompletionRequest, ChatMessage, EmbeddingsRequest } from "../openai-format/types";
import { writeCanonical, writeCanonicalObject } from "./canonical-json";

/** Request fields that never change the answer. `model` is hashed on its own. */
const NOT_IN_KEY: ReadonlySet<string> = new Set(["stream", "stream_options", "user", "model", "messages"]);
const EMBEDDING_NOT_IN_KEY: ReadonlySet<string> = new Set(["input", "user", "model"]);

export interface CacheScope {
  orgId: string;
  /** "org", "team:<id>" or "key:<id>" */
  namespace: string;
  /** the public model name */
  model: string;
}

export function sha256(text: string): string {
  return hash("sha256", text, "base64url");
}

function scopePrefix(kind: string, scope: CacheScope): string {
  return `${kind}\u0000${scope.orgId}\u0000${scope.namespace}\u0000${scope.model}\u0000`;
}

/** The text of a user message when it is plain text (a string, or only text parts); null otherwise. */
export function plainText(message: ChatMessage): string | null {
  const { content } = message;
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return null;
  let text = "";
  for (const part of content) {
    if (part.type !== "text" || typeof part.text !== "string") return null;
    text += (text ? "\n" : "") + part.text;
  }
  return text;
}

/** The index of the final message when it is a plain-text user message (what semantic lookups compare). */
export function lastUserMessageIndex(request: ChatCompletionRequest): number {
  const last = request.messages.length - 1;
  if (last < 0) return -1;
  const message = request.messages[last];
  return message.role === "user" && plainText(message) !== null ? last : -1;
}

function canonicalChat(request: ChatCompletionRequest, leaveOut: number): string {
  const out: string[] = ["{\"messages\":["];
  const { messages } = request;
  for (let i = 0; i < messages.length; i++) {
    if (i > 0) out.push(",");
    if (i === leaveOut) out.push("\"<last user message>\"");
    else writeCanonical(messages[i], out);
  }
  out.push("],\"params\":");
  writeCanonicalObject(request as Record<string, unknown>, out, NOT_IN_KEY);
  out.push("}");
  return out.join("");
}

export function chatCacheKey(scope: CacheScope, request: ChatCompletionRequest): string {
  return sha256(scopePrefix("chat", scope) + canonicalChat(request, -1));
}

/** null when the request cannot have a semantic match (its last message is not a plain-text user message). */
export function chatContextKey(scope: CacheScope, request: ChatCompletionRequest): string | null {
  const last = lastUserMessageIndex(request);
  if (last < 0) return null;
  return sha256(scopePrefix("chat-context", scope) + canonicalChat(request, last));
}

/** The options of an embeddings request that are part of every item's key (dimensions, encoding, vendor fields). */
export function embeddingOptionsText(request: EmbeddingsRequest): string {
  const out: string[] = [];
  writeCanonicalObject(request as Record<string, unknown>, out, EMBEDDING_NOT_IN_KEY);
  return out.join("");
}

/** One input item of an embeddings request: a string or an array of token ids. */
export function embeddingItemKey(scope: CacheScope, options: string, item: string | number[]): string {
  const text = typeof item === "string" ? `s${item}` : `t${item.join(",")}`;
  return sha256(`${scopePrefix("embedding", scope)}${options}\u0000${text}`);
}
