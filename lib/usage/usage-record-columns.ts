// The UsageRecord columns the SQLite usage thread inserts, in a leaf module of their own: the
// thread's message types (sqlite-usage-protocol.ts) derive a row's shape from it and the rows'
// builder (sqlite-usage-rows.ts, recordRow) fills it in this order, so neither imports the other.
// Positional, not named: better-sqlite3 binds an array by index, where a named row costs a property
// lookup per column, and the row is built as one array instead of spread from the event twice:
// together about a fifth of the writer thread's CPU per record (decision 005).
export const USAGE_RECORD_COLUMNS = [
  "requestId", "orgId", "keyId", "userId", "teamId", "model", "providerId", "providerKind", "upstreamModel", "inputTokens",
  "outputTokens", "cachedTokens", "costMicros", "latencyMs", "ttftMs", "streamed", "status", "errorType", "estimated", "endpoint",
  "cache", "costSavedMicros", "refusal", "cacheWriteTokens", "batchId", "deploymentId", "attempts", "fallbackModel", "router",
  "attemptLog", "createdAt",
] as const;
