// What the runner does with a refused item: a rate limit (Tollgate's own or the upstream's 429) is
// waited out and tried again, since the refused call never ran; a job-wide refusal (the model is
// gone, the key may not use it) stops the job; anything else is the item's failure, recorded with
// the gateway's own message.
import type { ItemOutcome } from "./run-warmup-item";

export const MAX_ITEM_ATTEMPTS = 5;
/** Longest single wait for a rate limit; a longer retry-after is capped (the limit is re-checked anyway). */
export const MAX_RETRY_WAIT_MS = 60_000;
const DEFAULT_RETRY_WAIT_MS = 1_000;

export type RefusalAction = { action: "retry"; waitMs: number } | { action: "fail"; error: string } | { action: "stop-job"; error: string };

type Refused = Extract<ItemOutcome, { kind: "refused" }>;

const JOB_WIDE_CODES = new Set(["model_not_found", "model_not_allowed", "invalid_api_key", "expired_api_key"]);

export function refusalAction(outcome: Refused, attempt: number): RefusalAction {
  if (outcome.code !== null && JOB_WIDE_CODES.has(outcome.code)) return { action: "stop-job", error: outcome.message };
  const rateLimited = outcome.status === 429 && outcome.type !== "quota_exceeded";
  if (!rateLimited) return { action: "fail", error: outcome.message };
  if (attempt >= MAX_ITEM_ATTEMPTS) return { action: "fail", error: `Still rate-limited after ${attempt} attempts: ${outcome.message}` };
  const wait = outcome.retryAfterMs ?? DEFAULT_RETRY_WAIT_MS * 2 ** (attempt - 1);
  return { action: "retry", waitMs: Math.min(MAX_RETRY_WAIT_MS, Math.max(0, wait)) };
}
