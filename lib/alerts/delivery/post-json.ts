// One HTTP POST of an alert (webhooks and Slack) with a hard per-attempt deadline covering connect,
// headers and body. Redirects are not followed: a receiver that moved should be updated in the
// rule, not silently chased.
//
// node:http(s) rather than undici: undici refuses to be loaded twice in one thread ("Illegal
// constructor"), which happened when the start script and the Next.js bundle each loaded a copy;
// node:http has no such state, and a few alert posts need no connection pool.
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { AttemptResult } from "./retry-policy";
import { errorText } from "./retry-policy";

/** Statuses worth another try; any other 4xx means the request itself is wrong (bad URL, rejected signature). */
const RETRYABLE_STATUS = (status: number) => status >= 500 || status === 408 || status === 429;
/** How much of a refusal's body is kept to explain it in the delivery log. */
const EXCERPT_BYTES = 200;

function outcome(status: number, excerpt: string): AttemptResult {
  if (status >= 200 && status < 300) return { ok: true, httpStatus: status };
  return { ok: false, retryable: RETRYABLE_STATUS(status), httpStatus: status, error: `HTTP ${status}${excerpt ? `: ${excerpt}` : ""}` };
}

export function postJson(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<AttemptResult> {
  return new Promise((resolve) => {
    const target = new URL(url);
    const signal = AbortSignal.timeout(timeoutMs);
    const fail = (error: unknown) => resolve({ ok: false, retryable: true, error: errorText(signal.aborted ? signal.reason : error) });
    const send = target.protocol === "https:" ? httpsRequest : httpRequest;
    const request = send(
      target,
      {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)), "user-agent": "Tollgate-Alerts/1", ...headers },
        signal,
      },
      (response: IncomingMessage) => {
        // Read the answer to its end (so the socket can be reused), keeping only its first bytes.
        let excerpt = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          if (excerpt.length < EXCERPT_BYTES) excerpt += chunk.slice(0, EXCERPT_BYTES - excerpt.length);
        });
        response.on("end", () => resolve(outcome(response.statusCode ?? 0, excerpt.trim())));
        response.on("error", fail);
      },
    );
    request.on("error", fail);
    request.end(body);
  });
}
