// What the scale scenario (ten-million.mjs) times: the console's read endpoints over the generated
// year (scale-data.mjs), each as the console or an app would ask for it, and how the timing is done
// (a cold first request, one warm-up, then up to N sequential requests within a time budget: p50
// and p95).
const DAY_MS = 86_400_000;

const day = (date) => date.toISOString().slice(0, 10);
const query = (params) => new URLSearchParams(params).toString();

/**
 * The requests, with the ids of the generated data; `pg` finds a call and a cursor deep in the log
 * among the records `recordFilter` (SQL) keeps (those copied to SQLite, for its half).
 */
export async function scaleEndpoints(pg, recordFilter = "TRUE") {
  const now = Date.now();
  const since = (days) => new Date(now - days * DAY_MS).toISOString();
  const { rows: [deep] } = await pg.query(
    `SELECT (extract(epoch FROM "createdAt") * 1000)::bigint AS ms, "requestId" FROM "UsageRecord"
     WHERE "createdAt" < now() AT TIME ZONE 'UTC' - interval '200 days' AND ${recordFilter} ORDER BY "createdAt" DESC, "requestId" DESC LIMIT 1`,
  );
  const { rows: [recent] } = await pg.query(`SELECT "requestId" FROM "UsageRecord" WHERE ${recordFilter} ORDER BY "createdAt" DESC LIMIT 1`);
  const deepCursor = Buffer.from(`${deep.ms}.${deep.requestId}`).toString("base64url");
  const thisMonth = new Date(now);
  const lastMonthEnd = new Date(Date.UTC(thisMonth.getUTCFullYear(), thisMonth.getUTCMonth(), 0));
  const lastMonthStart = new Date(Date.UTC(lastMonthEnd.getUTCFullYear(), lastMonthEnd.getUTCMonth(), 1));
  const usage = (params) => `/api/admin/usage?${query({ limit: "50", ...params })}`;
  return [
    { group: "dashboard", name: "dashboard: 7 days by model", path: "/api/admin/usage/timeseries?groupBy=model" },
    { group: "dashboard", name: "dashboard: 30 days by user", path: `/api/admin/usage/timeseries?${query({ groupBy: "user", from: since(30) })}` },
    { group: "dashboard", name: "dashboard: a year by model", path: `/api/admin/usage/timeseries?${query({ groupBy: "model", from: since(365) })}` },
    { group: "dashboard", name: "dashboard: cache savings, 30 days", path: `/api/admin/cache/stats?${query({ from: since(30) })}` },
    { group: "usage", name: "usage: first page (7 days)", path: usage({}) },
    { group: "usage", name: "usage: 30 days, model", path: usage({ from: since(30), model: "gpt-4o" }) },
    { group: "usage", name: "usage: 30 days, errors", path: usage({ from: since(30), status: "error" }) },
    { group: "usage", name: "usage: 30 days, busiest key", path: usage({ from: since(30), keyId: "scale-key-0" }) },
    { group: "usage", name: "usage: 30 days, team", path: usage({ from: since(30), teamId: "scale-team-3" }) },
    { group: "usage", name: "usage: a year, rare model", path: usage({ from: since(365), model: "claude-opus-4" }) },
    { group: "usage", name: "usage: a year, cache hits of a team", path: usage({ from: since(365), teamId: "scale-team-7", cache: "hit" }) },
    { group: "usage", name: "usage: keyset page 200 days back", path: usage({ from: since(365), cursor: deepCursor }) },
    { group: "usage", name: "usage: one call's detail", path: `/api/admin/usage/${recent.requestId}` },
    { group: "billing", name: "billing: this month", path: "/api/admin/billing" },
    { group: "billing", name: "billing: last month, team", path: `/api/admin/billing?${query({ scope: "team", scopeId: "scale-team-0", from: day(lastMonthStart), to: day(lastMonthEnd) })}` },
    { group: "billing", name: "billing: a year", path: `/api/admin/billing?${query({ from: day(new Date(now - 364 * DAY_MS)) })}` },
    { group: "quotas", name: "quota status: organization", path: "/api/admin/quotas/status?scope=org" },
    { group: "quotas", name: "quota status: team", path: "/api/admin/quotas/status?scope=team&scopeId=scale-team-0" },
    { group: "quotas", name: "quota status: busiest key", path: "/api/admin/quotas/status?scope=key&scopeId=scale-key-0" },
    { group: "quotas", name: "limits: busiest key", path: "/api/admin/limits?scope=key&id=scale-key-0" },
    { group: "quotas", name: "/v1/me: busiest key", path: "/v1/me", auth: "key" },
  ];
}

function percentile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

/**
 * `call(path, auth)` → { ms, status, text }. Endpoints that answer an error are reported, not timed.
 * Each endpoint gets `requests` requests or `budgetMs` of them, whichever ends first (3 at least),
 * so an endpoint that takes seconds does not stretch the run by minutes.
 */
export async function measureEndpoints({ plan, call, requests, log, budgetMs = 20_000 }) {
  const results = [];
  for (const endpoint of plan) {
    const first = await call(endpoint.path, endpoint.auth);
    if (first.status !== 200) {
      const error = `HTTP ${first.status}`;
      log(`  ${endpoint.name}: ${error} ${first.text.slice(0, 200)}`);
      results.push({ ...endpoint, first: first.ms, p50: null, p95: null, error });
      continue;
    }
    await call(endpoint.path, endpoint.auth);
    const times = [];
    const started = Date.now();
    while (times.length < requests && (times.length < 3 || Date.now() - started < budgetMs)) times.push((await call(endpoint.path, endpoint.auth)).ms);
    times.sort((a, b) => a - b);
    const result = { ...endpoint, first: first.ms, n: times.length, p50: percentile(times, 0.5), p95: percentile(times, 0.95), bytes: first.text.length };
    log(`  ${endpoint.name}: first ${result.first.toFixed(0)} ms, p50 ${result.p50.toFixed(0)} ms, p95 ${result.p95.toFixed(0)} ms (${result.n} requests)`);
    results.push(result);
  }
  return results;
}
