// Webhook channel: the alert as JSON, signed per attempt when the channel has a secret.
import type { AlertPayload } from "./alert-payload";
import { postJson } from "./post-json";
import type { AttemptResult } from "./retry-policy";
import { SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from "./webhook-signature";

export function sendWebhook(
  channel: { url: string; secret: string | null },
  payload: AlertPayload,
  attempt: number,
  timeoutMs: number,
): Promise<AttemptResult> {
  const rawBody = JSON.stringify(payload);
  // A fresh timestamp per attempt: a retry a minute later must still pass the receiver's freshness check.
  const timestamp = Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    "x-tollgate-event": payload.type,
    "x-tollgate-delivery": payload.id,
    "x-tollgate-attempt": String(attempt),
    [TIMESTAMP_HEADER]: String(timestamp),
  };
  if (channel.secret) headers[SIGNATURE_HEADER] = signWebhook(channel.secret, timestamp, rawBody);
  return postJson(channel.url, rawBody, headers, timeoutMs);
}
