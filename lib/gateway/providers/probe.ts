// An active health probe of one upstream: its free models listing (GET /models), never a completion,
// so probing costs nothing on paid providers. Resolves when the upstream answered 2xx; throws the
// mapped UpstreamError otherwise (the router judges it like a live call's failure).
import type { AbortSignalLike } from "../../abort/abort-flag";
import { errorFromUpstreamResponse } from "../upstream/error-mapping";
import { sendUpstream } from "../upstream/http-client";
import type { UpstreamTarget } from "../types";

const DEFAULTS: Record<UpstreamTarget["kind"], string | null> = {
  openai: "https://api.openai.com/v1",
  "openai-compatible": null,
  anthropic: "https://api.anthropic.com",
  gemini: "https://generativelanguage.googleapis.com",
};

/** The free listing request of a provider (also the console's "test connection", lib/providers/test-connection.ts). */
export function probeRequest(target: Pick<UpstreamTarget, "kind" | "baseUrl" | "apiKey">): { url: string; headers: Record<string, string> } | null {
  const base = (target.baseUrl ?? DEFAULTS[target.kind])?.replace(/\/+$/, "");
  if (!base) return null;
  switch (target.kind) {
    case "openai":
    case "openai-compatible":
      return { url: `${base}/models`, headers: target.apiKey ? { authorization: `Bearer ${target.apiKey}` } : {} };
    case "anthropic":
      return { url: `${base}/v1/models`, headers: { "x-api-key": target.apiKey, "anthropic-version": "2023-06-01" } };
    case "gemini":
      return { url: `${base}/v1beta/models`, headers: { "x-goog-api-key": target.apiKey } };
  }
}

export async function probeUpstream(target: UpstreamTarget, timeoutMs: number, signal: AbortSignalLike): Promise<void> {
  const request = probeRequest(target);
  if (!request) return;
  const response = await sendUpstream({ url: request.url, method: "GET", headers: { accept: "application/json", ...request.headers }, timeoutMs, signal });
  const text = await response.limitedText(16 * 1024);
  if (response.status < 200 || response.status >= 300) {
    throw errorFromUpstreamResponse(response.status, text, response.header("retry-after"), { providerId: target.providerId });
  }
}
