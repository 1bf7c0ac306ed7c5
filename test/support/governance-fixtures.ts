// Helpers for the quota and rate-limit integration tests: set limits through the admin API's own
// handlers (as an admin would), make proxy calls with plain fetch, and tally what came back.
import * as quotas from "@/lib/quotas/quotas-route";
import * as rateLimits from "@/lib/rate-limits/rate-limits-route";
import { adminRequest, callRoute, enableTestAdminApiKey } from "@/lib/http/admin-test-support";
import { db } from "@/lib/db";

export { enableTestAdminApiKey };

export async function putQuota(body: Record<string, unknown>) {
  const result = await callRoute(quotas.PUT, adminRequest("/api/admin/quotas", { method: "PUT", body }));
  if (result.status >= 300) throw new Error(`PUT /api/admin/quotas ${result.status}: ${JSON.stringify(result.body)}`);
  return result.body as { id: string };
}

export async function putRateLimit(body: Record<string, unknown>) {
  const result = await callRoute(rateLimits.PUT, adminRequest("/api/admin/rate-limits", { method: "PUT", body }));
  if (result.status >= 300) throw new Error(`PUT /api/admin/rate-limits ${result.status}: ${JSON.stringify(result.body)}`);
  return result.body as { id: string };
}

export async function setTier(userId: string, tier: "free" | "pro" | "enterprise"): Promise<void> {
  await db().user.update({ where: { id: userId }, data: { tier } });
}

export interface ProxyAnswer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export async function chat(baseUrl: string, key: string, body: Record<string, unknown>): Promise<ProxyAnswer> {
  return post(`${baseUrl}/v1/chat/completions`, key, body);
}

export async function post(url: string, key: string, body: Record<string, unknown>): Promise<ProxyAnswer> {
  const response = await fetch(url, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // an SSE body stays text
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

/** How many answers had each status / error type, e.g. { "200": 50, "429:quota_exceeded": 150 }. */
export function tally(answers: readonly ProxyAnswer[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const answer of answers) {
    const label = answer.status === 200 ? "200" : `${answer.status}:${answer.body?.error?.type ?? "?"}`;
    counts[label] = (counts[label] ?? 0) + 1;
  }
  return counts;
}
