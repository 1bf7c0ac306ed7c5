import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "../env";
import { uniqueSuffix } from "../../test/support/test-ids";
import { adminRequest, createTestUser, enableTestAdminApiKey, sessionCookieFor, type TestAuth } from "../http/admin-test-support";
import { metrics } from "./metrics";
import { GET } from "./metrics-route";

const METRICS_TOKEN = "metrics-token-0123456789abcdef";
const slot = globalThis as unknown as { tollgateMetrics?: unknown; tollgateUsageBuffer?: { pending: number } };

beforeAll(() => {
  enableTestAdminApiKey();
  process.env.METRICS_TOKEN = METRICS_TOKEN;
  resetEnvCache();
});

afterEach(() => {
  delete slot.tollgateUsageBuffer;
});

async function scrape(auth: TestAuth): Promise<{ status: number; text: string; contentType: string | null }> {
  const response = await GET(adminRequest("/api/metrics", { auth }));
  return { status: response.status, text: await response.text(), contentType: response.headers.get("content-type") };
}

/** The value of one sample line, e.g. `tollgate_alert_deliveries_total{channel="webhook",status="sent"} 2`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("metrics()", () => {
  it("creates one registry on the globalThis slot and returns it on every call", () => {
    const first = metrics();
    expect(metrics()).toBe(first);
    expect(slot.tollgateMetrics).toBe(first);
  });

  it("exposes every Tollgate metric, default process metrics, and the counts taken", async () => {
    const m = metrics();
    m.alertDeliveries.inc({ channel: "webhook", status: "sent" }, 2);
    m.gatewayRequests.inc(["chat.completions", "200"]);
    m.quotaRejections.inc({ scope: "team", period: "monthly", kind: "cost" });
    m.storeFallbacks.inc({ subsystem: "rate_limit", policy: "fail_open" });
    m.usageWriteFailures.inc();
    slot.tollgateUsageBuffer = { pending: 7 };

    const { status, text, contentType } = await scrape({ bearer: METRICS_TOKEN });
    expect(status).toBe(200);
    expect(contentType).toContain("text/plain");
    for (const name of [
      "tollgate_gateway_requests_total",
      "tollgate_quota_rejections_total",
      "tollgate_rate_limit_rejections_total",
      "tollgate_store_fallbacks_total",
      "tollgate_usage_pending_records",
      "tollgate_usage_write_failures_total",
      "tollgate_alert_deliveries_total",
      "process_cpu_seconds_total",
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
    expect(sample(text, 'tollgate_alert_deliveries_total{channel="webhook",status="sent"}')).toBe(2);
    expect(sample(text, 'tollgate_gateway_requests_total{endpoint="chat.completions",status="200"}')).toBe(1);
    expect(sample(text, 'tollgate_quota_rejections_total{scope="team",period="monthly",kind="cost"}')).toBe(1);
    expect(sample(text, 'tollgate_store_fallbacks_total{subsystem="rate_limit",policy="fail_open"}')).toBe(1);
    expect(sample(text, "tollgate_usage_write_failures_total")).toBe(1);
    // The gauge is read from the usage buffer at scrape time.
    expect(sample(text, "tollgate_usage_pending_records")).toBe(7);
    delete slot.tollgateUsageBuffer;
    expect(sample((await scrape({ bearer: METRICS_TOKEN })).text, "tollgate_usage_pending_records")).toBe(0);
  });
});

describe("GET /api/metrics", () => {
  it("accepts METRICS_TOKEN, ADMIN_API_KEY and an admin session", async () => {
    expect((await scrape({ bearer: METRICS_TOKEN })).status).toBe(200);
    expect((await scrape("api-key")).status).toBe(200);
    const admin = await createTestUser({ role: "admin", suffix: uniqueSuffix() });
    expect((await scrape(await sessionCookieFor(admin))).status).toBe(200);
  });

  it("refuses anonymous callers and wrong tokens (401) and non-admin sessions (403)", async () => {
    expect((await scrape("none")).status).toBe(401);
    const wrong = await scrape({ bearer: "not-the-metrics-token-at-all" });
    expect(wrong.status).toBe(401);
    expect(wrong.text).not.toContain("tollgate_");
    const viewer = await createTestUser({ role: "viewer", suffix: uniqueSuffix() });
    expect((await scrape(await sessionCookieFor(viewer))).status).toBe(403);
  });

  it("stops accepting the metrics token once METRICS_TOKEN is unset", async () => {
    delete process.env.METRICS_TOKEN;
    resetEnvCache();
    try {
      expect((await scrape({ bearer: METRICS_TOKEN })).status).toBe(401);
    } finally {
      process.env.METRICS_TOKEN = METRICS_TOKEN;
      resetEnvCache();
    }
  });
});
