// One HTTP POST of an alert (webhooks and Slack) with a hard per-attempt deadline covering connect,
// headers and body. Redirects are not followed: a receiver that moved should be updated in the
// rule, not silently chased.
//
// node:http(s) rather than undici: undici refuses to be loaded twice in one thread ("Illegal
// constructor"), which happened when the start script and the Next.js bundle each loaded a copy;
// node:http has no such state, and a few alert posts need no connection pool.
//
// Where it connects is checked like a provider's base URL (lib/net): a literal address here, every
// address a name resolves to in the socket's lookup. A refusal is logged and not retried.
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { assertOutboundHost, guardedLookup, OUTBOUND_BLOCKED_CODE } from "../../net/guarded-lookup";
import { EXCERPT_READ_BYTES, responseExcerpt } from "./response-excerpt";
import type { AttemptResult } from "./retry-policy";
import { errorText } from "./retry-policy";

/** Statuses worth another try; any other 4xx means the request itself is wrong (bad URL, rejected signature). */
const RETRYABLE_STATUS = (status: number) => status >= 500 || status === 408 || status === 429;

function outcome(status: number, excerpt: string): AttemptResult {
  if (status >= 200 && status < 300) return { ok: true, httpStatus: status };
  return { ok: false, retryable: RETRYABLE_STATUS(status), httpStatus: status, error: `HTTP ${status}${excerpt ? `: ${excerpt}` : ""}` };
}

function blocked(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === OUTBOUND_BLOCKED_CODE;
}

export function postJson(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<AttemptResult> {
  return new Promise((resolve) => {
    const target = new URL(url);
    try {
      assertOutboundHost(target.hostname);
    } catch (error) {
      return resolve({ ok: false, retryable: false, error: errorText(error) });
    }
    const signal = AbortSignal.timeout(timeoutMs);
    const fail = (error: unknown) =>
      resolve({ ok: false, retryable: !blocked(error), error: errorText(signal.aborted ? signal.reason : error) });
    const send = target.protocol === "https:" ? httpsRequest : httpRequest;
    const request = send(
      target,
      {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)), "user-agent": "Tollgate-Alerts/1", ...headers },
        signal,
        lookup: guardedLookup,
      },
      (response: IncomingMessage) => {
        // Keep the first bytes of the answer; a receiver that sends more is cut off rather than waited for.
        const parts: Buffer[] = [];
        let size = 0;
        const settle = () => resolve(outcome(response.statusCode ?? 0, responseExcerpt(Buffer.concat(parts).toString("utf8"))));
        response.on("data", (chunk: Buffer) => {
          if (size >= EXCERPT_READ_BYTES) return;
          parts.push(chunk.subarray(0, EXCERPT_READ_BYTES - size));
          size += chunk.length;
          if (size >= EXCERPT_READ_BYTES) {
            settle();
            response.destroy();
          }
        });
        response.on("end", settle);
        response.on("error", (error) => (size >= EXCERPT_READ_BYTES ? undefined : fail(error)));
      },
    );
    request.on("error", fail);
    request.end(body);
  });
}
