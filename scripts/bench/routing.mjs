// The routing scenario for `npm run bench` (docs/routing.md, "How to measure"): on the same Tollgate,
// JSON calls to
//   single   the bench's model (one deployment): what routing costs when nothing fails, to compare
//            with earlier builds' JSON throughput;
//   healthy  a model with two healthy deployments (priority strategy, equal priorities: split 1:1);
//   failing  the same with one deployment on a port where nothing listens, so every call to it fails
//            (refused) until the breaker ejects it (in the warm-up) and the other takes every call.
// Closed loop for throughput, then the open loop at --rate for p99. Targets: failing throughput ≥ 80 %
// of healthy, no client errors once the failing deployment is ejected, added p99 (failing − healthy)
// < 10 ms, two healthy deployments within noise of one (≥ 95 %), and, in the full run, Tollgate's JSON
// throughput ≥ 4× Portkey's. The measured closed loop of `failing` falls inside the first cool-down
// (ROUTING_COOLDOWN_MS, 30 s); its open loop starts after it, so it also holds a half-open probe of
// the dead deployment (refused, then retried on the other): the steady state of one that stays down.
import { createServer } from "node:net";
import { request } from "undici";
import { closedLoop, openLoop, summarize } from "./load.mjs";

const ms = (value) => (value === undefined || value === null ? "–" : value.toFixed(2));

async function admin(origin, adminKey, method, path, body) {
  const { statusCode, body: answer } = await request(`${origin}/api/admin/${path}`, {
    method,
    headers: { authorization: `Bearer ${adminKey}`, "content-type": "application/json" },
    body: JSON.stringify(body),
    headersTimeout: 30_000,
    bodyTimeout: 30_000,
  });
  const text = await answer.text();
  if (statusCode < 200 || statusCode >= 300) throw new Error(`${method} /api/admin/${path} answered ${statusCode}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

/** A port on 127.0.0.1 where nothing listens. */
async function closedPort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function routedModel(origin, adminKey, name, baseUrls) {
  const providers = [];
  for (const [i, baseUrl] of baseUrls.entries()) {
    providers.push(await admin(origin, adminKey, "POST", "providers", { name: `${name}-p${i}`, kind: "openai-compatible", baseUrl, apiKey: "sk-bench" }));
  }
  const model = await admin(origin, adminKey, "POST", "models", { name, upstreamModel: "gpt-4o-mini", inputPricePerMTok: 0.15, outputPricePerMTok: 0.6 });
  await admin(origin, adminKey, "PUT", `models/${model.id}/routing`, {
    strategy: "priority",
    deployments: providers.map((p) => ({ providerId: p.id, upstreamModel: "gpt-4o-mini", weight: 1, priority: 0 })),
  });
  return name;
}

function body(model) {
  return JSON.stringify({
    model,
    messages: [{ role: "system", content: "You are a concise assistant." }, { role: "user", content: "Why do teams put a gateway in front of their language model providers?" }],
    max_tokens: 256,
  });
}

/**
 * `targets.tollgate` as run.mjs defines it (origin, headers, model); `keepIds(target, result)` keeps
 * request ids for the usage check at SIGTERM.
 */
export async function runRoutingScenario({ origin, adminKey, upstreamBaseUrl, targets, config, keepIds, log, sleep }) {
  const tollgate = targets.tollgate;
  const suffix = Math.random().toString(36).slice(2, 8);
  const models = {
    single: tollgate.model,
    healthy: await routedModel(origin, adminKey, `bench-routed-healthy-${suffix}`, [upstreamBaseUrl, upstreamBaseUrl]),
    failing: await routedModel(origin, adminKey, `bench-routed-failing-${suffix}`, [`http://127.0.0.1:${await closedPort()}/v1`, upstreamBaseUrl]),
  };
  const spec = (model) => ({ path: "/v1/chat/completions", stream: false, headers: tollgate.headers, body: body(model) });
  const closed = {};
  // "Within noise" compares two runs minutes apart on a shared machine: one deployment and two healthy
  // ones alternate twice and each keeps its better run, so a slow moment does not fall on one side only.
  const order = ["single", "healthy", "single", "healthy", "failing"];
  for (const name of order) {
    const model = models[name];
    // The warm-up is when the failing deployment gets ejected: its first calls fail and are retried.
    const warm = await closedLoop({ origin, spec: spec(model), connections: config.connections, durationMs: config.warmup * 1000 });
    keepIds(tollgate, warm);
    await sleep(500);
    const result = await closedLoop({ origin, spec: spec(model), connections: config.connections, durationMs: config.duration * 1000 });
    keepIds(tollgate, result);
    const stats = summarize(result);
    log(`routing ${name}: ${stats.rps.toFixed(0)} req/s, p50 ${stats.latency.p50.toFixed(2)} ms, failed ${stats.failed}` + (name === "failing" ? ` (warm-up failed ${warm.failed})` : ""));
    // A run with failures always counts (a failure is never noise); otherwise the faster one.
    const kept = closed[name];
    if (!kept || stats.failed > 0 || (kept.failed === 0 && stats.rps > kept.rps)) closed[name] = stats;
    await sleep(1000);
  }
  const open = {};
  for (const name of ["healthy", "failing"]) {
    const base = { origin, spec: spec(models[name]), rate: config.rate, connections: config.connections };
    keepIds(tollgate, await openLoop({ ...base, durationMs: 2000 }));
    const result = await openLoop({ ...base, durationMs: config.rateDuration * 1000 });
    keepIds(tollgate, result);
    open[name] = summarize(result);
    log(`routing open ${config.rate}/s ${name}: p50 ${open[name].latency.p50.toFixed(2)} ms, p99 ${open[name].latency.p99.toFixed(2)} ms, failed ${open[name].failed}`);
    await sleep(1000);
  }
  return { rate: config.rate, closed, open };
}

/**
 * The routing targets as report rows. `closed` is the full run's closed-loop list (absent or empty
 * with --routing), for Tollgate's JSON throughput against Portkey's.
 */
export function routingChecks(routing, closed = []) {
  const checks = [];
  const tollgate = closed.find((r) => r.target === "tollgate" && r.mode === "json");
  const portkey = closed.find((r) => r.target === "portkey" && r.mode === "json");
  if (tollgate && portkey) {
    const ratio = tollgate.stats.rps / portkey.stats.rps;
    checks.push({ name: "Tollgate JSON throughput vs Portkey (closed loop)", goal: "≥ 4×", value: `${tollgate.stats.rps.toFixed(0)} vs ${portkey.stats.rps.toFixed(0)} req/s (${ratio.toFixed(1)}×)`, met: tollgate.stats.failed === 0 && ratio >= 4 });
  }
  if (!routing) return checks;
  const { single, healthy, failing } = routing.closed;
  const pct = (a, b) => `${((a / b) * 100).toFixed(1)} %`;
  const addedP99 = routing.open.failing.latency.p99 - routing.open.healthy.latency.p99;
  const errorsOnceEjected = failing.failed + routing.open.failing.failed;
  checks.push(
    { name: "routing: one of two deployments failing vs both healthy (JSON, closed loop)", goal: "≥ 80 %", value: `${failing.rps.toFixed(0)} vs ${healthy.rps.toFixed(0)} req/s (${pct(failing.rps, healthy.rps)})`, met: failing.rps >= 0.8 * healthy.rps },
    { name: "routing: client errors once the failing deployment is ejected", goal: "0", value: String(errorsOnceEjected), met: errorsOnceEjected === 0 },
    { name: `routing: added p99 with one deployment failing, at ${routing.rate} req/s`, goal: "< 10 ms", value: `${addedP99 >= 0 ? "+" : ""}${addedP99.toFixed(2)} ms`, met: !routing.open.failing.saturated && !routing.open.healthy.saturated && addedP99 < 10 },
    { name: "routing: two healthy deployments vs one (JSON, closed loop)", goal: "within noise (≥ 95 %)", value: `${healthy.rps.toFixed(0)} vs ${single.rps.toFixed(0)} req/s (${pct(healthy.rps, single.rps)})`, met: healthy.failed === 0 && healthy.rps >= 0.95 * single.rps },
  );
  return checks;
}

/** The scenario's runs as a table for docs/benchmarks.md. */
export function routingMarkdown(routing) {
  if (!routing) return [];
  const rows = [
    "| model | closed loop req/s | p50 ms | p99 ms | failed | open loop p50 ms | p99 ms | failed |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
  ];
  const labels = { single: "one deployment", healthy: "two healthy deployments", failing: "two, one refusing every call" };
  for (const name of ["single", "healthy", "failing"]) {
    const closed = routing.closed[name];
    const open = routing.open[name];
    rows.push(
      `| ${labels[name]} | ${closed.rps.toFixed(0)} | ${ms(closed.latency.p50)} | ${ms(closed.latency.p99)} | ${closed.failed} | ` +
        `${open ? ms(open.latency.p50) : "–"} | ${open ? ms(open.latency.p99) : "–"} | ${open ? open.failed : "–"} |`,
    );
  }
  return [
    `### Routing: JSON calls to a model with one deployment, two healthy ones, and two of which one refuses every connection (open loop at ${routing.rate} req/s)`,
    "",
    "The failing deployment is ejected by the circuit breaker during the warm-up (its first calls are retried on the other); " +
      "the measured runs count what clients saw after that. One deployment and two healthy ones ran twice, alternating; " +
      "each row is the better of its two closed-loop runs.",
    "",
    ...rows,
    "",
  ];
}
