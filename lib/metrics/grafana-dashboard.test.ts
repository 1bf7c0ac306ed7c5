// docs/grafana/tollgate.json queries exactly the series /api/metrics exports: every metric name in
// its PromQL (panels and variables) is one the app registers, and every per-call series is charted.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cacheMetrics } from "../cache/cache-metrics";
import { resetEnvCache } from "../env";
import { adminRequest } from "../http/admin-test-support";
import { routingMetrics } from "../routing/routing-metrics";
import { callMetrics } from "./call-metrics";
import { metrics } from "./metrics";
import { GET } from "./metrics-route";

const METRICS_TOKEN = "metrics-token-0123456789abcdef";
const DASHBOARD = path.resolve(__dirname, "../../docs/grafana/tollgate.json");
const HISTOGRAM_SUFFIXES = ["_bucket", "_sum", "_count"];

/** Every `expr` and variable query of the dashboard. */
function queriesOf(dashboard: unknown): string[] {
  const found: string[] = [];
  const walk = (node: unknown, key?: string) => {
    if (typeof node === "string" && (key === "expr" || key === "query" || key === "definition")) found.push(node);
    else if (Array.isArray(node)) node.forEach((item) => walk(item));
    else if (node && typeof node === "object") for (const [k, v] of Object.entries(node)) walk(v, k);
  };
  walk(dashboard);
  return found;
}

/** Metric names in PromQL: Tollgate's own and the process metrics the dashboard uses. */
function metricNamesOf(query: string): string[] {
  return [...query.matchAll(/\b((?:tollgate|process|nodejs)_[a-z0-9_]+)\b/g)].map((m) => m[1]);
}

let exported: Map<string, string>;

beforeAll(async () => {
  process.env.METRICS_TOKEN = METRICS_TOKEN;
  resetEnvCache();
  // Families that register on first use (the router's, the cache's, the per-call ones).
  metrics();
  callMetrics();
  routingMetrics();
  cacheMetrics();
  const response = await GET(adminRequest("/api/metrics", { auth: { bearer: METRICS_TOKEN } }));
  expect(response.status).toBe(200);
  exported = new Map([...(await response.text()).matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => [m[1], m[2]]));
});

describe("docs/grafana/tollgate.json", () => {
  const dashboard: unknown = JSON.parse(readFileSync(DASHBOARD, "utf8"));
  const names = [...new Set(queriesOf(dashboard).flatMap(metricNamesOf))];

  it("references only series that /api/metrics exports", () => {
    expect(names.length).toBeGreaterThan(10);
    const missing = names.filter((name) => {
      if (exported.has(name)) return false;
      const suffix = HISTOGRAM_SUFFIXES.find((s) => name.endsWith(s));
      return !(suffix && exported.get(name.slice(0, -suffix.length)) === "histogram");
    });
    expect(missing).toEqual([]);
  });

  it("charts every per-call series", () => {
    const used = new Set(names.map((name) => HISTOGRAM_SUFFIXES.reduce((n, s) => (n.endsWith(s) ? n.slice(0, -s.length) : n), name)));
    for (const family of ["tollgate_request_duration_seconds", "tollgate_upstream_latency_seconds", "tollgate_time_to_first_token_seconds", "tollgate_tokens_total", "tollgate_cost_dollars_total"]) {
      expect(exported.has(family)).toBe(true);
      expect(used.has(family)).toBe(true);
    }
  });
});
