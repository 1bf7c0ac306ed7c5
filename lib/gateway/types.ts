// What a provider adapter is and what it is given: the upstream to call and the stream it answers.
// The request and response shapes themselves are OpenAI's (lib/openai-format/types.ts).
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionRequest, EmbeddingsRequest, EmbeddingsResponse, Usage } from "../openai-format/types";
import type { StreamChunk } from "../openai-format/unparsed-chunk";
import type { AbortSignalLike } from "../abort/abort-flag";

export type ProviderKind = "openai" | "openai-compatible" | "anthropic" | "gemini";

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
