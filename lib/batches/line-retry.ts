// What the batch runner does with a refused line (lib/jobs/refusal-policy.ts): a rate limit is waited
// out and tried again (up to 20 attempts, each wait at most a minute), since the refused call never
// ran; a quota refusal, a model the key may not use or an upstream error is the line's failure (its
// answer goes to the error file) and the batch goes on; a key that died stops the batch.
import { refusalAction, type RefusalAction, type Refusal } from "../jobs/refusal-policy";

export const MAX_LINE_ATTEMPTS = 20;

const BATCH_POLICY = {
  maxAttempts: MAX_LINE_ATTEMPTS,
  maxWaitMs: 60_000,
  baseWaitMs: 1_000,
  stopJobCodes: new Set(["invalid_api_key", "expired_api_key"]),
};

export function lineRefusalAction(refusal: Refusal, attempt: number): RefusalAction {
  return refusalAction(refusal, attempt, BATCH_POLICY);
}
