// The errors a routed call ends with when no attempt could serve it, in words a client can act on:
// what happened, which deployment failed last and how, and when to try again.
import { HttpError, UpstreamError } from "../http/errors";
import type { AttemptRecord } from "./types";

/** Every attempt failed, or no deployment could take the call: the client gets `error`, the ledger the attempts. */
export class RoutingFailure<D = unknown> extends Error {
  constructor(
    readonly error: unknown,
    /** every attempt made (empty when none could be) */
    readonly attempts: readonly AttemptRecord[],
    /** the deployment of the last attempt, null when there was none */
    readonly lastDeployment: D | null,
    /** the public model of the last attempt (a fallback's when one was tried) */
    readonly lastModel: string,
  ) {
    super(error instanceof Error ? error.message : "routing failed");
  }
}

function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** "provider openai-eu answered 503", "provider x did not answer within 30000 ms", … */
export function describeFailure(providerName: string, error: unknown): string {
  if (error instanceof UpstreamError) {
    if (error.code === "upstream_timeout") return `provider ${providerName} ${error.message.replace(/^The upstream provider /, "").replace(/\.$/, "")}`;
    if (error.code === "upstream_unreachable") return `provider ${providerName} could not be reached (${error.networkCode ?? "connection error"})`;
    if (error.code === "upstream_stream_truncated") return `the stream from provider ${providerName} ended before its first token`;
    if (error.upstreamStatus !== null) return `provider ${providerName} answered ${error.upstreamStatus}`;
  }
  if (error instanceof HttpError) return `provider ${providerName} failed (${error.status} ${error.code ?? error.type})`;
  return `provider ${providerName} failed`;
}

/**
 * Every attempt failed with a retryable error. The status follows the last failure (a timeout is a
 * 504, rate limits everywhere a 429, anything else a 502); retry-after is the upstream's when it
 * gave one, else a second.
 */
export function allAttemptsFailed(options: {
  model: string;
  deploymentsTried: number;
  fallbacksTried: readonly string[];
  lastProvider: string;
  lastError: unknown;
  rateLimitedEverywhere: boolean;
  retryAfterMs: number | null;
}): HttpError {
  const { lastError } = options;
  const retryAfter = options.retryAfterMs === null ? 1 : seconds(options.retryAfterMs);
  const fallbacks = options.fallbacksTried.length ? ` and fallback${options.fallbacksTried.length === 1 ? "" : "s"} ${options.fallbacksTried.join(", ")}` : "";
  const subject = options.deploymentsTried <= 1 ? `the deployment of ${options.model}${fallbacks} failed` : `all ${plural(options.deploymentsTried, "deployment")} of ${options.model}${fallbacks} failed`;
  const message = `${capitalize(subject)}; last: ${describeFailure(options.lastProvider, lastError)}. Retry after ${retryAfter} s.`;
  const timeout = lastError instanceof UpstreamError && lastError.code === "upstream_timeout";
  const status = options.rateLimitedEverywhere ? 429 : timeout ? 504 : 502;
  const type = status === 429 ? "rate_limit_error" : status === 504 ? "timeout_error" : "upstream_error";
  const code = status === 429 ? "upstream_rate_limited" : timeout ? "upstream_timeout" : lastError instanceof HttpError && lastError.code ? lastError.code : "upstream_error";
  const error = new UpstreamError(status, message, code, type, { "retry-after": String(retryAfter) });
  error.retryable = true;
  error.retryAfterSeconds = retryAfter;
  if (lastError instanceof UpstreamError) {
    error.upstreamStatus = lastError.upstreamStatus;
    error.networkCode = lastError.networkCode;
  }
  return error;
}

/** No deployment could take the call: all ejected (retry when the first cool-down ends), or none active. */
export function noDeploymentAvailable(options: { model: string; deployments: number; ejected: number; earliestReturnMs: number | null; lastError: string | null }): HttpError {
  const { model, deployments, ejected } = options;
  if (ejected > 0 && options.earliestReturnMs !== null) {
    const retryAfter = seconds(options.earliestReturnMs);
    const last = options.lastError ? ` (last error: ${options.lastError})` : "";
    const subject = deployments === 1 ? `The deployment of ${model} is` : `All ${plural(ejected, "deployment")} of ${model} are`;
    const error = new HttpError(503, `${subject} ejected after repeated failures${last}. Retry after ${retryAfter} s.`, "upstream_error", "no_healthy_deployment", null, { "retry-after": String(retryAfter) });
    error.retryable = true;
    error.retryAfterSeconds = retryAfter;
    return error;
  }
  const error = new HttpError(
    503,
    `The model ${model} has no active deployment (${deployments === 0 ? "none configured" : "all are draining or disabled"}). An administrator needs to activate one.`,
    "upstream_error",
    "no_active_deployment",
  );
  error.retryable = false;
  return error;
}

/** Every slot (maxConcurrency) stayed busy for the whole queue timeout, or the queue was full. */
export function concurrencyLimited(options: { what: string; queueTimeoutMs: number; full: boolean }): HttpError {
  const message = options.full
    ? `Too many calls are waiting for ${options.what}. Retry after 1 s.`
    : `${capitalize(options.what)} stayed at its concurrency limit for ${options.queueTimeoutMs} ms. Retry after 1 s.`;
  const error = new HttpError(429, message, "rate_limit_error", "concurrency_limit_exceeded", null, { "retry-after": "1" });
  error.retryable = true;
  error.retryAfterSeconds = 1;
  return error;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
