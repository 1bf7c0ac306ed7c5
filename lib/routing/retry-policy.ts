// Which failures are worth another attempt, and how long to wait before it.
//
// Retried: refused or reset connections, timeouts before the first byte, and upstream 429, 500, 502,
// 503, 504 and 529. Never a 400, 401, 403, 404 or 422 from the upstream (another attempt would get
// the same answer), and never anything once the first byte of a stream reached the client. A stream
// that fails before its first byte (an error event, a cut, a silence past the timeout) may be.
//
// Backoff: exponential with full jitter (a random wait between 0 and base·2^n, AWS's "full jitter"),
// a few lines here rather than a library: the router also honours the upstream's retry-after up to
// ROUTING_MAX_RETRY_WAIT_MS and moves to another deployment without waiting at all, which generic
// retry helpers (p-retry, cockatiel) do not model (docs/decisions/020-routing-backoff-without-a-library.md).
// Waits apply only when the next attempt goes to a deployment this call already tried.
import { HttpError, UpstreamError } from "../http/errors";

export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504, 529]);

/** Socket errors of a connection refused, reset or cut: the next attempt (elsewhere) can succeed. */
export const RETRYABLE_NETWORK_CODES: ReadonlySet<string> = new Set([
  "ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "UND_ERR_SOCKET", "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_CLOSED",
]);

export interface FailureVerdict {
  /** another attempt may succeed (and the first byte has not reached the client) */
  retryable: boolean;
  /** the deployment is at fault (429, 5xx, timeout, network): counts toward its ejection */
  deploymentFault: boolean;
  /** the upstream's retry-after, in ms, when it sent one */
  retryAfterMs: number | null;
  /** one line for logs, the ejection history and the final error: "503 upstream_server_error" */
  summary: string;
}

const NOT_RETRYABLE: FailureVerdict = { retryable: false, deploymentFault: false, retryAfterMs: null, summary: "" };

export function judgeFailure(error: unknown): FailureVerdict {
  if (!(error instanceof UpstreamError)) return error instanceof HttpError ? { ...NOT_RETRYABLE, summary: `${error.status} ${error.code ?? error.type}` } : NOT_RETRYABLE;
  const fault = isDeploymentFault(error);
  return {
    retryable: fault && error.beforeFirstByte,
    deploymentFault: fault,
    retryAfterMs: error.retryAfterSeconds === undefined ? null : error.retryAfterSeconds * 1000,
    summary: summarize(error),
  };
}

function isDeploymentFault(error: UpstreamError): boolean {
  if (error.code === "upstream_timeout") return true;
  if (error.code === "upstream_unreachable") return error.networkCode !== null && RETRYABLE_NETWORK_CODES.has(error.networkCode);
  if (error.code === "upstream_stream_truncated") return true;
  return error.upstreamStatus !== null && RETRYABLE_STATUSES.has(error.upstreamStatus);
}

function summarize(error: UpstreamError): string {
  if (error.upstreamStatus !== null) return `${error.upstreamStatus} ${error.code ?? error.type}`;
  if (error.networkCode) return `${error.networkCode} ${error.code ?? error.type}`;
  return `${error.status} ${error.code ?? error.type}`;
}

/** A retry-after header (delay-seconds or an HTTP date) in whole seconds; undefined when unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed));
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/** Full jitter: a uniform wait in [0, min(cap, base·2^retry)). `random` is injectable for tests. */
export function backoffMs(retry: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, retry));
  return Math.floor(random() * ceiling);
}
