/** One proxied call, as the gateway reports it to the usage writer. */
export interface UsageEvent {
  requestId: string;
  orgId: string;
  keyId: string | null;
  userId: string | null;
  teamId: string | null;
  model: string;
  providerId: string | null;
  providerKind: string | null;
  upstreamModel: string | null;
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  costMicros: bigint;
  latencyMs: number;
  ttftMs: number | null;
  streamed: boolean;
  /** HTTP status the client got (499 = the client went away) */
  status: number;
  errorType: string | null;
  estimated: boolean;
  endpoint: "chat.completions" | "embeddings";
  createdAt: Date;
}
