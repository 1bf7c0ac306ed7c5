// Why the gateway refused an authenticated call before any upstream work. A refused call is still a
// usage record (status 4xx, cost 0, no tokens, `refusal` set), so the ledger, the dashboard and the
// developer's own usage page show every call that was made (docs/quotas-and-rate-limits.md).
export const REFUSAL_REASONS = ["quota", "rate_limit", "model_not_allowed", "model_not_found"] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export const REFUSAL_LABELS: Record<RefusalReason, string> = {
  quota: "Quota exhausted",
  rate_limit: "Rate limit",
  model_not_allowed: "Model not allowed for this key",
  model_not_found: "Unknown model",
};

export function isRefusalReason(value: unknown): value is RefusalReason {
  return typeof value === "string" && (REFUSAL_REASONS as readonly string[]).includes(value);
}
