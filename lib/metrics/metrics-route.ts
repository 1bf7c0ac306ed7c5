// GET /api/metrics – the Prometheus registry in text format. Scrapers send
// `Authorization: Bearer $METRICS_TOKEN` (a token that can read metrics and nothing else); admins can
// also read it with ADMIN_API_KEY or their console session. Anything else is a 401 (403 for a signed-in
// non-admin), in the admin API's error shape.
import { createHash, randomUUID, timingSafeEqual } from "node:crypto";
import { authenticateAdminRequest } from "../auth/admin-principal";
import { env } from "../env";
import { adminErrorResponse } from "../http/admin-errors";
import { ForbiddenError } from "../http/errors";
import { exposeMetrics } from "./metrics";

/** Constant-time comparison; hashing first makes both sides the same length. */
function sameSecret(candidate: string, expected: string): boolean {
  return timingSafeEqual(createHash("sha256").update(candidate).digest(), createHash("sha256").update(expected).digest());
}

function hasMetricsToken(request: Request): boolean {
  const expected = env().METRICS_TOKEN;
  const match = /^Bearer\s+(.+)$/i.exec(request.headers.get("authorization")?.trim() ?? "");
  return Boolean(expected && match && sameSecret(match[1], expected));
}

async function authorize(request: Request): Promise<void> {
  if (hasMetricsToken(request)) return;
  // Any other bearer is judged as the admin API key (a wrong one is a 401, never a cookie fallback).
  const principal = await authenticateAdminRequest(request);
  if (principal.role !== "admin") throw new ForbiddenError("Metrics are readable by admins and the METRICS_TOKEN only.");
}

export async function GET(request: Request): Promise<Response> {
  const requestId = request.headers.get("x-request-id")?.slice(0, 100) || randomUUID();
  try {
    await authorize(request);
    const { text, contentType } = await exposeMetrics();
    return new Response(text, {
      headers: { "content-type": contentType, "cache-control": "no-store", "x-request-id": requestId },
    });
  } catch (error) {
    return adminErrorResponse(error, requestId);
  }
}
