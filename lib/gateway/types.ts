// The canonical request/response shapes inside Tollgate: OpenAI's chat format. Provider adapters
// translate to and from it. Only the fields the gateway acts on are typed; the rest pass through.
import type { AbortSignalLike } from "./abort-flag";
import type { StreamChunk } from "./unparsed-chunk";

export type ProviderKind = "openai" | "openai-compatible" | "anthropic" | "gemini";

export interface ChatContentPart {
  type: string; // "text" | "image_url" | "input_audio" | …
  text?: string;
  image_url?: { url: string; detail?: string };
  [extra: string]: unknown;
}

export interface ToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

export interface ChatMessage {
  role: "system" | "developer" | "user" | "assistant" | "tool" | (string & {});
  content?: string | ChatContentPart[] | null;
  name?: string;
  tool_calls?: ToolCall[];
  tool_call_id?: string;
  [extra: string]: unknown;
}

export interface ChatCompletionRequest {
  model: string;
  messages: ChatMessage[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean; [extra: string]: unknown } | null;
  max_tokens?: number | null;
  max_completion_tokens?: number | null;
  temperature?: number | null;
  top_p?: number | null;
  n?: number | null;
  stop?: string | string[] | null;
  seed?: number | null;
  tools?: { type: "function"; function: { name: string; description?: string; parameters?: unknown } }[];
  tool_choice?: unknown;
  response_format?: unknown;
  user?: string;
  [extra: string]: unknown;
}

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  /**
   * cached_tokens: read from the provider's prompt cache; cache_write_tokens (Tollgate's, from
   * Anthropic's cache_creation_input_tokens): written to it. Both are part of prompt_tokens.
   */
  prompt_tokens_details?: { cached_tokens?: number; cache_write_tokens?: number; [extra: string]: unknown };
  [extra: string]: unknown;
}

export type FinishReason = "stop" | "length" | "tool_calls" | "content_filter" | "function_call" | null;

export interface ChatCompletion {
  id: string;
  object: "chat.completion";
  created: number;
  model: string;
  choices: {
    index: number;
    message: { role: "assistant"; content: string | null; tool_calls?: ToolCall[]; refusal?: string | null; [extra: string]: unknown };
    finish_reason: FinishReason;
    logprobs?: unknown;
  }[];
  usage?: Usage;
  [extra: string]: unknown;
}

export interface ChatCompletionChunk {
  id: string;
  object: "chat.completion.chunk";
  created: number;
  model: string;
  choices: {
    index: number;
    delta: {
      role?: "assistant";
      content?: string | null;
      tool_calls?: { index: number; id?: string; type?: "function"; function?: { name?: string; arguments?: string } }[];
      [extra: string]: unknown;
    };
    finish_reason: FinishReason;
    logprobs?: unknown;
  }[];
  usage?: Usage | null;
  [extra: string]: unknown;
}

export interface EmbeddingsRequest {
  model: string;
  input: string | string[] | number[] | number[][];
  encoding_format?: "float" | "base64";
  dimensions?: number;
  [extra: string]: unknown;
}

export interface EmbeddingsResponse {
  object: "list";
  data: { object: "embedding"; index: number; embedding: number[] | string }[];
  model: string;
  usage: { prompt_tokens: number; total_tokens: number };
}

/** Where one call goes: resolved from the model's provider, credential already decrypted. */
export interface UpstreamTarget {
  providerId: string;
  kind: ProviderKind;
  /** null = the provider's public default (api.openai.com, api.anthropic.com, …) */
  baseUrl: string | null;
  apiKey: string;
  upstreamModel: string;
  timeoutMs: number;
}

/**
 * A streaming answer already translated to OpenAI chunks. Iteration throws an UpstreamError when
 * the upstream cuts the stream off (no terminal event) or sends an error inside the stream.
 */
export interface ChatStream {
  /**
   * The chunks as they arrive, grouped per upstream network read; chunks passed through unread are
   * UnparsedChunk (their JSON text). Consume either this or `chunks`.
   */
  batches: AsyncIterable<StreamChunk[]>;
  /** The same chunks one at a time, all parsed. */
  readonly chunks: AsyncIterable<ChatCompletionChunk>;
  /** the usage the upstream reported, once the stream has ended (null if it never did) */
  usage?: () => Usage | null;
}

export interface ProviderAdapter {
  readonly kind: ProviderKind;
  /** Throws UpstreamError / UpstreamTimeoutError (lib/http/errors.ts) on failure. */
  chat(request: ChatCompletionRequest, target: UpstreamTarget, signal: AbortSignalLike): Promise<ChatCompletion>;
  /** Resolves once the upstream accepted the request (status 200); errors before that throw. */
  chatStream(request: ChatCompletionRequest, target: UpstreamTarget, signal: AbortSignalLike): Promise<ChatStream>;
  /** Absent when the provider has no embeddings API Tollgate supports. */
  embeddings?(request: EmbeddingsRequest, target: UpstreamTarget, signal: AbortSignalLike): Promise<EmbeddingsResponse>;
}
