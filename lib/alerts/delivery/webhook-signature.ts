// Webhook signatures. Each request carries
//   x-tollgate-timestamp: <unix seconds>
//   x-tollgate-signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>
// Signing the timestamp with the exact raw body lets a receiver reject both altered bodies and
// replays of an old request (check the timestamp is recent). Verify over the raw bytes received,
// never over re-serialized JSON.
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "x-tollgate-signature";
export const TIMESTAMP_HEADER = "x-tollgate-timestamp";

export function signWebhook(secret: string, timestamp: number, rawBody: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest("hex")}`;
}

/** For receivers written in TypeScript (and the tests): true when the signature matches and is fresh. */
export function verifyWebhookSignature(options: {
  secret: string;
  rawBody: string;
  signature: string | null | undefined;
  timestamp: string | null | undefined;
  toleranceSeconds?: number;
  now?: number;
}): boolean {
  const timestamp = Number(options.timestamp);
  if (!options.signature || !Number.isInteger(timestamp)) return false;
  const nowSeconds = Math.floor((options.now ?? Date.now()) / 1000);
  if (Math.abs(nowSeconds - timestamp) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signWebhook(options.secret, timestamp, options.rawBody));
  const given = Buffer.from(options.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
