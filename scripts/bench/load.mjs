// A small HTTP load generator on undici for OpenAI-style chat completions, JSON or SSE.
//   closedLoop: N keep-alive connections, each sends its next request as soon as the last one ended.
//   openLoop:   requests start on a fixed schedule (R per second) whatever the latency, and latency
//               is measured from the scheduled start, so a stall is not hidden (no coordinated omission).
// Every request's latency is kept (time to the end of the body) and, for streams, its TTFT (time to
// the first body chunk that carries generated content). Both loops stop by time and by count.
import { performance } from "node:perf_hooks";
import { Client, Pool } from "undici";

const REQUEST_TIMEOUTS = { headersTimeout: 30_000, bodyTimeout: 30_000, keepAliveTimeout: 60_000 };
const CONTENT = /"content":"[^"]/;

/** One request; never throws. `spec`: { path, headers, body (string), stream, method?, expect? }. */
async function sendOne(dispatcher, spec, startedAt = performance.now()) {
  try {
    const { statusCode, headers, body } = await dispatcher.request({ path: spec.path, method: spec.method ?? "POST", headers: spec.headers, body: spec.body });
    let ttft = null;
    let ok = statusCode === 200;
    if (spec.stream) {
      let tail = "";
      let errorEvent = false;
      for await (const chunk of body) {
        const text = chunk.toString("utf8");
        if (ttft === null && CONTENT.test(text)) ttft = performance.now() - startedAt;
        errorEvent ||= text.includes('{"error"');
        tail = (tail + text).slice(-64);
      }
      // A stream that was cut off or carried an error event is not a success.
      ok &&= tail.includes("data: [DONE]") && !errorEvent;
      // The content marker split across two chunks: count the whole response as the TTFT.
      if (ok && ttft === null) ttft = performance.now() - startedAt;
    } else {
      const text = await body.text();
      ok &&= text.includes(spec.expect ?? '"choices"');
    }
    const requestId = headers["x-request-id"];
    return { ok, status: statusCode, latency: performance.now() - startedAt, ttft, requestId: typeof requestId === "string" ? requestId : null };
  } catch (error) {
    return { ok: false, status: 0, latency: performance.now() - startedAt, ttft: null, requestId: null, error: error?.code ?? error?.message ?? String(error) };
  }
}

function newResult() {
  return { ok: 0, failed: 0, latencies: [], ttfts: [], requestIds: [], errors: {}, lags: [] };
}

function record(result, outcome) {
  if (outcome.ok) {
    result.ok++;
    result.latencies.push(outcome.latency);
    if (outcome.ttft !== null) result.ttfts.push(outcome.ttft);
  } else {
    result.failed++;
    const key = outcome.error ?? `HTTP ${outcome.status}`;
    result.errors[key] = (result.errors[key] ?? 0) + 1;
  }
  if (outcome.ok && outcome.requestId) result.requestIds.push(outcome.requestId);
}

/** `connections` workers, one keep-alive connection each, until `durationMs` or `maxRequests`. */
export async function closedLoop({ origin, spec, connections, durationMs, maxRequests = Infinity }) {
  const clients = Array.from({ length: connections }, () => new Client(origin, { ...REQUEST_TIMEOUTS, pipelining: 1 }));
  const result = newResult();
  let sent = 0;
  const start = performance.now();
  const deadline = start + durationMs;
  try {
    await Promise.all(
      clients.map(async (client) => {
        while (performance.now() < deadline && sent < maxRequests) {
          sent++;
          record(result, await sendOne(client, spec));
        }
      }),
    );
  } finally {
    await Promise.allSettled(clients.map((c) => c.close()));
  }
  result.elapsedMs = performance.now() - start;
  return result;
}

/**
 * `rate` requests per second for `durationMs`, over a pool of at most `connections` connections.
 * A server that cannot keep up would make the backlog (and the run) grow without bound: once more
 * than `maxBacklogMs` worth of requests are waiting, sending stops and the run is marked saturated.
 * `trace`: also keep [scheduled start as epoch ms, latency ms] per request (result.trace).
 */
export async function openLoop({ origin, spec, rate, durationMs, connections, maxBacklogMs = 2000, trace = false }) {
  const pool = new Pool(origin, { ...REQUEST_TIMEOUTS, connections, pipelining: 1 });
  const result = newResult();
  const total = Math.floor((rate * durationMs) / 1000);
  const interval = 1000 / rate;
  const inFlight = new Set();
  const start = performance.now() + 5;
  let next = 0;
  try {
    await new Promise((resolve) => {
      const tick = () => {
        const now = performance.now();
        while (next < total && start + next * interval <= now) {
          const scheduled = start + next * interval;
          next++;
          result.lags.push(now - scheduled);
          const p = sendOne(pool, spec, scheduled).then((outcome) => {
            record(result, outcome);
            // --diag: when each request was due (wall clock, to line up with the gateway's own events) and how long it took
            if (trace) (result.trace ??= []).push([performance.timeOrigin + scheduled, outcome.latency]);
            inFlight.delete(p);
          });
          inFlight.add(p);
        }
        if (inFlight.size > (rate * maxBacklogMs) / 1000) {
          result.saturated = { unsent: total - next, afterMs: now - start };
          return resolve();
        }
        if (next >= total) return resolve();
        // Timers have ~1 ms resolution: wake a little early and send what is due.
        setTimeout(tick, Math.max(0, start + next * interval - performance.now() - 1));
      };
      tick();
    });
    await Promise.all(inFlight);
  } finally {
    await pool.close().catch(() => {});
  }
  result.elapsedMs = performance.now() - start;
  return result;
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

/** Requests/s and latency percentiles (ms) of a run. */
export function summarize(result) {
  const lat = Float64Array.from(result.latencies).sort();
  const ttft = Float64Array.from(result.ttfts).sort();
  const lag = Float64Array.from(result.lags).sort();
  const pct = (arr) => ({ p50: percentile(arr, 50), p95: percentile(arr, 95), p99: percentile(arr, 99), max: arr.length ? arr[arr.length - 1] : NaN });
  return {
    ok: result.ok,
    failed: result.failed,
    errors: result.errors,
    rps: result.ok / (result.elapsedMs / 1000),
    latency: pct(lat),
    ttft: ttft.length ? pct(ttft) : null,
    lag: lag.length ? pct(lag) : null,
    saturated: result.saturated ?? null,
  };
}

/**
 * Appends `items` to `list` one by one: `list.push(...items)` passes every item as an argument and
 * overflows the stack past ~120,000 of them (a 10 s closed loop at 9,000 req/s has 90,000 ids).
 */
export function appendAll(list, items) {
  for (const item of items) list.push(item);
}
