// What the warm-up runner does with a refused item (lib/jobs/refusal-policy.ts): a rate limit is
// waited out and tried again, up to five attempts; an unknown model, a model the key may not use or
// a dead key stops the job (no item could succeed); anything else is the item's failure.
import { refusalAction as jobRefusalAction, type RefusalAction, type Refusal } from "../jobs/refusal-policy";

export type { RefusalAction } from "../jobs/refusal-policy";

export const MAX_ITEM_ATTEMPTS = 5;
/** Longest single wait for a rate limit; a longer retry-after is capped (the limit is re-checked anyway). */
export const MAX_RETRY_WAIT_MS = 60_000;

const WARMUP_POLICY = {
  maxAttempts: MAX_ITEM_ATTEMPTS,
  maxWaitMs: MAX_RETRY_WAIT_MS,
  baseWaitMs: 1_000,
  stopJobCodes: new Set(["model_not_found", "model_not_allowed", "invalid_api_key", "expired_api_key"]),
};

export function refusalAction(outcome: Refusal, attempt: number): RefusalAction {
  return jobRefusalAction(outcome, attempt, WARMUP_POLICY);
}
