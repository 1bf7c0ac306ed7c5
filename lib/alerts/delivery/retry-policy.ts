// Retries for alert deliveries: a few attempts with exponential backoff and jitter, so a receiver
// that blips is reached on the next try and many alerts failing at once do not retry in lockstep.

export interface RetryPolicy {
  /** attempts in total, including the first */
  attempts: number;
  /** delay before the 2nd attempt; doubles after every further failure */
  baseDelayMs: number;
  maxDelayMs: number;
  /** per attempt: connect, send and read the answer */
  timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 3, baseDelayMs: 1000, maxDelayMs: 30_000, timeoutMs: 10_000 };

export type AttemptResult =
  | { ok: true; httpStatus?: number }
  | { ok: false; retryable: boolean; httpStatus?: number; error: string };

/** "Equal jitter": half the exponential delay is fixed, the other half random. */
export function backoffDelayMs(failedAttempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failedAttempt - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}

/** Runs `send` until it succeeds, fails permanently or runs out of attempts; reports every attempt. */
export async function runWithRetries(
  send: (attempt: number) => Promise<AttemptResult>,
  onAttempt: (attempt: number, result: AttemptResult) => Promise<void>,
  policy: RetryPolicy,
): Promise<AttemptResult> {
  for (let attempt = 1; ; attempt++) {
    const result = await send(attempt).catch((error: unknown): AttemptResult => ({ ok: false, retryable: true, error: errorText(error) }));
    await onAttempt(attempt, result);
    if (result.ok || !result.retryable || attempt >= policy.attempts) return result;
    await new Promise((resolve) => setTimeout(resolve, backoffDelayMs(attempt, policy)));
  }
}

/** An error as one short line for the delivery log (causes included: "fetch failed" alone says nothing). */
export function errorText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 3; depth++) {
    parts.push(current instanceof Error ? `${current.name === "Error" ? "" : `${current.name}: `}${current.message}` : String(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join(" ← ").slice(0, 500);
}
