// What a job runner does with a call the gateway refused: a rate limit (Tollgate's own or the
// upstream's 429) is waited out and tried again, since the refused call never ran; a job-wide
// refusal (per `stopJobCodes`) stops the job; anything else is the item's failure, recorded with the
// gateway's own message. Each job kind sets its own policy (lib/cache-warmup/item-retry.ts,
// lib/batches/line-retry.ts).

/** A refused call as the runner sees it: the gateway's status and OpenAI-shaped error. */
export interface Refusal {
  status: number;
  type: string | null;
  code: string | null;
  message: string;
  retryAfterMs: number | null;
}

export interface RetryPolicy {
  /** attempts before a rate-limited item fails */
  maxAttempts: number;
  /** longest single wait; a longer retry-after is capped (the limit is checked again anyway) */
  maxWaitMs: number;
  /** the first wait when the refusal names none; doubled per attempt */
  baseWaitMs: number;
  /** error codes after which no item of the job can succeed */
  stopJobCodes: ReadonlySet<string>;
}

export type RefusalAction = { action: "retry"; waitMs: number } | { action: "fail"; error: string } | { action: "stop-job"; error: string };

export function isRateLimited(refusal: Refusal): boolean {
  return refusal.status === 429 && refusal.type !== "quota_exceeded";
}

export function refusalAction(refusal: Refusal, attempt: number, policy: RetryPolicy): RefusalAction {
  if (refusal.code !== null && policy.stopJobCodes.has(refusal.code)) return { action: "stop-job", error: refusal.message };
  if (!isRateLimited(refusal)) return { action: "fail", error: refusal.message };
  if (attempt >= policy.maxAttempts) return { action: "fail", error: `Still rate-limited after ${attempt} attempts: ${refusal.message}` };
  const wait = refusal.retryAfterMs ?? policy.baseWaitMs * 2 ** (attempt - 1);
  return { action: "retry", waitMs: Math.min(policy.maxWaitMs, Math.max(0, wait)) };
}
