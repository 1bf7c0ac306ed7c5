// The benchmark's large-prompt scenario: small calls at a fixed rate through Tollgate, first alone,
// then while two 4 MB prompts from the same key (under a quota, so every prompt is counted for its
// reservation) are kept in flight. What it reports is the small calls' added p99: how much the large
// prompts' work (reading, parsing, counting, re-serializing 4 MB) costs everyone else.
//
// The large prompts go to a fake upstream of their own, so the small calls' upstream is not slowed by
// 4 MB bodies (that would be the fake's cost, not Tollgate's), and ask it to echo only a few
// characters (`[[fake:echo-chars=64]]`: a real model's answer to a huge prompt is short).
import { performance } from "node:perf_hooks";
import { Pool } from "undici";
import { bigPrompt } from "./big-prompts.mjs";
import { cpuMeter } from "./cpu.mjs";
import { appendAll, openLoop, percentile, summarize } from "./load.mjs";

export const LARGE_PROMPT_BYTES = 4_000_000;
export const LARGE_IN_FLIGHT = 2;
/** the kinds measured: prose (counted exactly on a counting thread) and random text (a count that reaches its deadline) */
export const LARGE_PROMPT_KINDS = ["english", "random"];

/** Keeps `count` calls of `body` in flight until `stopped()`; returns each one's outcome. */
export async function keepInFlight({ origin, headers, body, count, stopped }) {
  const pool = new Pool(origin, { connections: count, headersTimeout: 120_000, bodyTimeout: 120_000 });
  const outcomes = [];
  try {
    await Promise.all(
      Array.from({ length: count }, async () => {
        while (!stopped()) {
          const started = performance.now();
          try {
            const { statusCode, headers: answerHeaders, body: answer } = await pool.request({ path: "/v1/chat/completions", method: "POST", headers, body });
            await answer.dump({ limit: Infinity });
            const requestId = answerHeaders["x-request-id"];
            outcomes.push({ status: statusCode, ms: performance.now() - started, requestId: statusCode === 200 && typeof requestId === "string" ? requestId : null });
          } catch (error) {
            outcomes.push({ status: 0, ms: performance.now() - started, requestId: null, error: error?.code ?? String(error) });
          }
        }
      }),
    );
  } finally {
    await pool.close().catch(() => {});
  }
  return outcomes;
}

function describeLarge(outcomes) {
  const statuses = {};
  for (const o of outcomes) statuses[o.status] = (statuses[o.status] ?? 0) + 1;
  const ms = Float64Array.from(outcomes.map((o) => o.ms)).sort();
  return { calls: outcomes.length, statuses, p50: percentile(ms, 50), max: ms.length ? ms[ms.length - 1] : NaN };
}

/**
 * `small`: { origin, spec } of the small calls; `large`: { headers, model } for the large prompts.
 * Returns { rate, bytes, inFlight, alone: stats, runs: [{ kind, stats, large, cpu }] } and the
 * request ids of every successful call (for the bench's usage check).
 */
// `window(label)`, if given, is called as each measured window opens and again as it closes
// (label "alone" or the prompt kind): run.mjs's --alloc profiles each window.
export async function runLargePromptScenario({ small, large, rate, durationMs, connections, pids, kinds = LARGE_PROMPT_KINDS, log = () => {}, window = () => {} }) {
  const requestIds = [];
  const loop = { origin: small.origin, spec: small.spec, rate, connections };
  appendAll(requestIds, (await openLoop({ ...loop, durationMs: 2000 })).requestIds);
  let meter = cpuMeter(pids);
  window("alone");
  const aloneResult = await openLoop({ ...loop, durationMs });
  window("alone");
  const alone = { stats: summarize(aloneResult), cpu: meter.end() };
  appendAll(requestIds, aloneResult.requestIds);
  log(`large prompts: small calls alone at ${rate}/s: p50 ${alone.stats.latency.p50.toFixed(2)} ms, p99 ${alone.stats.latency.p99.toFixed(2)} ms`);

  const runs = [];
  for (const kind of kinds) {
    // Encoded once: undici would encode a string body again on every call, holding the load
    // generator's own event loop (the small calls' clock) for milliseconds each time.
    const body = Buffer.from(
      JSON.stringify({
        model: large.model,
        max_tokens: 16,
        messages: [{ role: "user", content: `[[fake:echo-chars=64]] ${bigPrompt(kind, LARGE_PROMPT_BYTES)}` }],
      }),
    );
    let stop = false;
    const inFlight = keepInFlight({ origin: small.origin, headers: large.headers, body, count: LARGE_IN_FLIGHT, stopped: () => stop });
    // The first large calls are on their way before the measured window opens.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    meter = cpuMeter(pids);
    window(kind);
    const result = await openLoop({ ...loop, durationMs });
    window(kind);
    const cpu = meter.end();
    stop = true;
    const outcomes = await inFlight;
    appendAll(requestIds, result.requestIds);
    appendAll(requestIds, outcomes.map((o) => o.requestId).filter(Boolean));
    const run = { kind, stats: summarize(result), large: describeLarge(outcomes), cpu };
    runs.push(run);
    log(
      `large prompts: small calls with ${LARGE_IN_FLIGHT} × 4 MB (${kind}) in flight: p50 ${run.stats.latency.p50.toFixed(2)} ms, ` +
        `p99 ${run.stats.latency.p99.toFixed(2)} ms (added ${(run.stats.latency.p99 - alone.stats.latency.p99).toFixed(2)}); ` +
        `large calls ${run.large.calls} ${JSON.stringify(run.large.statuses)}, p50 ${run.large.p50.toFixed(0)} ms`,
    );
  }
  return { result: { rate, bytes: LARGE_PROMPT_BYTES, inFlight: LARGE_IN_FLIGHT, durationS: durationMs / 1000, alone, runs }, requestIds };
}

const ms = (v) => (Number.isFinite(v) ? v.toFixed(2) : "–");
const signed = (v) => (Number.isFinite(v) ? `${v >= 0 ? "+" : ""}${v.toFixed(2)}` : "–");

/** The target: small calls' p99 with the large prompts in flight, minus their p99 alone, < 20 ms. */
export function largePromptChecks(scenario) {
  if (!scenario) return [];
  return scenario.runs.map((run) => {
    const added = run.stats.latency.p99 - scenario.alone.stats.latency.p99;
    const clean = run.stats.failed === 0 && !run.stats.saturated && (run.large.statuses[200] ?? 0) === run.large.calls;
    return {
      name: `small calls' added p99 at ${scenario.rate} req/s with ${scenario.inFlight} × 4 MB prompts (${run.kind}) in flight`,
      goal: "< 20 ms",
      value: `${signed(added)} ms`,
      met: clean && added < 20,
    };
  });
}

/** The scenario's table for docs/benchmarks.md (report.mjs puts it in the generated section). */
export function largePromptsMarkdown(scenario) {
  if (!scenario) return [];
  const rows = [
    "| large prompts in flight | small calls p50 ms | p99 ms | max ms | added p99 ms | failed | large calls (status: count) | large call p50 / max ms | Tollgate CPU cores |",
    "|---|---:|---:|---:|---:|---:|---|---:|---:|",
    `| none | ${ms(scenario.alone.stats.latency.p50)} | ${ms(scenario.alone.stats.latency.p99)} | ${ms(scenario.alone.stats.latency.max)} | – | ${scenario.alone.stats.failed} | – | – | ${ms(scenario.alone.cpu?.cores?.tollgate)} |`,
  ];
  for (const run of scenario.runs) {
    const statuses = Object.entries(run.large.statuses).map(([status, count]) => `${status}: ${count}`).join(", ");
    rows.push(
      `| ${scenario.inFlight} × 4 MB, ${run.kind} | ${ms(run.stats.latency.p50)} | ${ms(run.stats.latency.p99)} | ${ms(run.stats.latency.max)} | ` +
        `${signed(run.stats.latency.p99 - scenario.alone.stats.latency.p99)} | ${run.stats.failed} | ${statuses} | ${ms(run.large.p50)} / ${ms(run.large.max)} | ${ms(run.cpu?.cores?.tollgate)} |`,
    );
  }
  return [
    `### Large prompts: small calls at ${scenario.rate} req/s (JSON) for ${scenario.durationS} s, alone and with ${scenario.inFlight} × 4 MB prompts in flight`,
    "",
    "The large prompts come from the same key, under its quota, so each one's prompt is counted for its reservation " +
      "(on a counting thread, or an upper bound past TOKEN_COUNT_DEADLINE_MS); they go to a fake upstream of their own, " +
      "which answers with a few characters. \"added p99\" is the small calls' p99 minus their p99 alone.",
    "",
    ...rows,
    "",
  ];
}
