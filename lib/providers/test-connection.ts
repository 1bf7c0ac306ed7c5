// "Test connection" for a provider: its free models listing (GET /models, or Anthropic's and
// Gemini's equivalents), never a completion, so testing costs nothing. The request goes through the
// gateway's own upstream client, so the same address checks apply (the base URL against the
// outbound-URL policy first, then every connection's resolved address in lib/net). The outcome is
// kept as the provider's last test (ProviderTest) for the providers page and the first-run checklist.
import "server-only";
import { AbortFlag } from "../abort/abort-flag";
import { probeRequest } from "../gateway/providers/probe";
import { sendUpstream } from "../gateway/upstream/http-client";
import { redactSecrets, REDACTED } from "../capture/redact";
import { db, type DbClient } from "../db";
import { env } from "../env";
import { outboundUrlRefusal } from "../net/outbound-url";
import { getProviderCredential } from "./provider-credential";
import { getProviderOrThrow } from "./provider-queries";
import type { ProviderKindName, ProviderTestResult } from "./schemas";

const TEST_TIMEOUT_MS = 10_000;
/** Listings of large aggregators (OpenRouter) run to a few MB; past this the count is a lower bound. */
const MAX_LISTING_BYTES = 8 * 1024 * 1024;
const MAX_MODELS_REPORTED = 500;

/** The model ids of a listing: OpenAI and Anthropic `data[].id`, Gemini `models[].name` ("models/x" -> "x"). */
export function modelIdsOf(kind: ProviderKindName, text: string): string[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return [];
  }
  if (typeof body !== "object" || body === null) return [];
  const list = kind === "gemini" ? (body as { models?: unknown }).models : (body as { data?: unknown }).data;
  if (!Array.isArray(list)) return [];
  const ids: string[] = [];
  for (const item of list) {
    const raw = kind === "gemini" ? (item as { name?: unknown })?.name : (item as { id?: unknown })?.id;
    if (typeof raw === "string" && raw) ids.push(kind === "gemini" ? raw.replace(/^models\//, "") : raw);
  }
  return ids;
}

/** The upstream's own error message, when its body has one (OpenAI, Anthropic and Gemini shapes). */
function upstreamMessage(text: string): string | null {
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
    const message = typeof body.error === "object" ? body.error?.message : (body.error ?? body.message);
    return typeof message === "string" && message ? message.slice(0, 300) : null;
  } catch {
    return null;
  }
}

/**
 * What the console may show and store of an error: the provider's key (some upstreams echo part of
 * it in "Incorrect API key provided: sk-…") and anything else that looks like a credential replaced.
 */
export function sanitizeTestError(message: string, apiKey: string): string {
  const withoutKey = apiKey.length >= 4 ? message.split(apiKey).join(REDACTED) : message;
  return redactSecrets(withoutKey);
}

async function runTest(kind: ProviderKindName, baseUrl: string | null, apiKey: string): Promise<Omit<ProviderTestResult, "testedAt">> {
  const request = probeRequest({ kind, baseUrl, apiKey });
  if (!request) return { ok: false, status: null, latencyMs: 0, modelCount: 0, models: [], error: "This provider has no base URL to call." };
  const refusal = outboundUrlRefusal(request.url, env().TOLLGATE_BLOCK_PRIVATE_NETWORKS);
  if (refusal) return { ok: false, status: null, latencyMs: 0, modelCount: 0, models: [], error: `The base URL ${refusal}.` };
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await sendUpstream({ url: request.url, method: "GET", headers: { accept: "application/json", ...request.headers }, timeoutMs: TEST_TIMEOUT_MS, signal: new AbortFlag() });
    const text = await response.limitedText(MAX_LISTING_BYTES);
    const latencyMs = elapsed();
    if (response.status < 200 || response.status >= 300) {
      const hint = response.status === 401 || response.status === 403 ? " (check the API key)" : response.status === 404 ? " (check the base URL)" : "";
      const detail = upstreamMessage(text);
      return { ok: false, status: response.status, latencyMs, modelCount: 0, models: [], error: `The provider answered ${response.status}${hint}${detail ? `: ${detail}` : "."}` };
    }
    const models = modelIdsOf(kind, text);
    return { ok: true, status: response.status, latencyMs, modelCount: models.length, models: models.slice(0, MAX_MODELS_REPORTED), error: null };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, status: null, latencyMs: elapsed(), modelCount: 0, models: [], error: `No answer from the provider: ${message}` };
  }
}

export async function testProviderConnection(options: { orgId: string; id: string; client?: DbClient }): Promise<ProviderTestResult> {
  const client = options.client ?? db();
  const provider = await getProviderOrThrow({ orgId: options.orgId, id: options.id, client });
  const apiKey = await getProviderCredential(provider.id, client);
  const raw = await runTest(provider.kind, provider.baseUrl, apiKey);
  const result = { ...raw, error: raw.error === null ? null : sanitizeTestError(raw.error, apiKey) };
  const testedAt = new Date();
  const row = { orgId: options.orgId, testedAt, ok: result.ok, status: result.status, latencyMs: result.latencyMs, modelCount: result.modelCount, error: result.error };
  await client.providerTest.upsert({ where: { providerId: provider.id }, create: { providerId: provider.id, ...row }, update: row });
  return { ...result, testedAt: testedAt.toISOString() };
}
