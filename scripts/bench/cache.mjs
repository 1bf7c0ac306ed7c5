// The response cache's scenario for `npm run bench` (docs/cache.md, "How to measure"): on the same
// Tollgate, JSON calls in a closed loop with the cache off, on with every request a miss (a new
// prompt each time), and on with every request a hit; then hits at the open-loop rate against the
// direct upstream. Targets: hit throughput ≥ 2× the miss path's, all-miss throughput within 10 % of
// cache off, added p50 of a hit < 0.5 ms at the rate. The cache is turned off again afterwards.
import { closedLoop, openLoop, summarize } from "./load.mjs";

const QUESTION = "Which three things should a team check first when its language model bill doubles in a month?";

function body(model, text) {
  return JSON.stringify({ model, messages: [{ role: "system", content: "You are a concise assistant." }, { role: "user", content: text }], max_tokens: 256 });
}

/** A spec whose body is a new prompt on every read: every request misses the cache. */
function missSpec(target) {
  let n = 0;
  const run = Math.random().toString(36).slice(2, 8);
  return {
    path: "/v1/chat/completions",
    stream: false,
    headers: target.headers,
    get body() {
      n += 1;
      return body(target.model, `${QUESTION} (variant ${run}-${n})`);
    },
  };
}

function hitSpec(target) {
  return { path: "/v1/chat/completions", stream: false, headers: target.headers, body: body(target.model, QUESTION) };
}

async function putSettings(origin, adminKey, settings) {
  const response = await fetch(`${origin}/api/admin/cache/settings`, {
    method: "PUT",
    headers: { authorization: `Bearer ${adminKey}`, "content-type": "application/json" },
    body: JSON.stringify(settings),
  });
  if (!response.ok) throw new Error(`PUT /api/admin/cache/settings: ${response.status} ${await response.text()}`);
}

/**
 * `targets`: { tollgate, direct } as run.mjs defines them. `keepIds(target, result)` collects the
 * request ids for the usage check at SIGTERM (hits are usage records too).
 */
export async function runCacheScenario({ origin, adminKey, targets, config, keepIds, log, sleep }) {
  const tollgate = targets.tollgate;
  const closed = {};
  const measure = async (name, spec) => {
    keepIds(tollgate, await closedLoop({ origin, spec, connections: config.connections, durationMs: config.warmup * 1000 }));
    await sleep(500);
    const result = await closedLoop({ origin, spec, connections: config.connections, durationMs: config.duration * 1000 });
    keepIds(tollgate, result);
    closed[name] = summarize(result);
    log(`cache ${name}: ${closed[name].rps.toFixed(0)} req/s, p50 ${closed[name].latency.p50.toFixed(2)} ms, failed ${closed[name].failed}`);
    await sleep(1000);
  };
  try {
    await putSettings(origin, adminKey, { enabled: false });
    await measure("off", missSpec(tollgate));
    await putSettings(origin, adminKey, { enabled: true, mode: "exact" });
    await measure("miss", missSpec(tollgate));
    keepIds(tollgate, await closedLoop({ origin, spec: hitSpec(tollgate), connections: 1, durationMs: 5000, maxRequests: 1 }));
    await sleep(1000); // the entry reaches the database and the index
    await measure("hit", hitSpec(tollgate));

    const open = {};
    for (const [name, target, spec] of [["direct", targets.direct, hitSpec(targets.direct)], ["hit", tollgate, hitSpec(tollgate)]]) {
      const base = { origin: target.origin, spec, rate: config.rate, connections: config.connections };
      keepIds(target, await openLoop({ ...base, durationMs: 2000 }));
      const result = await openLoop({ ...base, durationMs: config.rateDuration * 1000 });
      keepIds(target, result);
      open[name] = summarize(result);
      log(`cache open ${config.rate}/s ${name}: p50 ${open[name].latency.p50.toFixed(2)} ms, p99 ${open[name].latency.p99.toFixed(2)} ms, failed ${open[name].failed}`);
      await sleep(1000);
    }
    return { rate: config.rate, closed, open };
  } finally {
    await putSettings(origin, adminKey, { enabled: false }).catch(() => {});
  }
}

/** The cache targets as report rows. */
export function cacheChecks(cache) {
  if (!cache) return [];
  const { off, miss, hit } = cache.closed;
  const clean = (...runs) => runs.every((r) => r.failed === 0);
  const addedP50 = cache.open.hit.latency.p50 - cache.open.direct.latency.p50;
  return [
    { name: "cache: hit throughput vs miss (JSON, closed loop)", goal: "≥ 2×", value: `${hit.rps.toFixed(0)} vs ${miss.rps.toFixed(0)} req/s (${(hit.rps / miss.rps).toFixed(2)}×)`, met: clean(hit, miss) && hit.rps >= 2 * miss.rps },
    { name: "cache: all-miss throughput vs cache off", goal: "within 10 %", value: `${miss.rps.toFixed(0)} vs ${off.rps.toFixed(0)} req/s (${(((miss.rps - off.rps) / off.rps) * 100).toFixed(1)} %)`, met: clean(miss, off) && miss.rps >= 0.9 * off.rps },
    { name: `cache: added p50 of a hit at ${cache.rate} req/s`, goal: "< 0.5 ms", value: `${addedP50 >= 0 ? "+" : ""}${addedP50.toFixed(2)} ms`, met: clean(cache.open.hit) && !cache.open.hit.saturated && addedP50 < 0.5 },
  ];
}
