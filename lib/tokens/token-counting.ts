// The thread's token counter, configured from the environment (TOKEN_COUNT_*), and its tallies.
// One per JavaScript thread (a globalThis slot: the Next.js build may hold several copies of lib/,
// and they must share one set of counting threads).
import { availableParallelism } from "node:os";
import { env } from "../env";
import { TokenCountPool, tokenCountThreadFile } from "./token-count-pool";
import { loadEncoder, TokenCounter, type CountReport } from "./token-counter";
import type { CountSignal } from "./token-count-pool";

/** counts one counting thread works on at once (it yields between segments, so small ones never wait behind big ones) */
const TASKS_PER_THREAD = 4;
/** a thread silent this long past a count's deadline is replaced */
const STUCK_AFTER_MS = 5_000;
/**
 * Counting threads run below the proxy's priority: when both want the same core the proxy wins, and
 * a large count reaches its deadline (and an upper bound) instead of slowing everyone else.
 */
const NICE_INCREMENT = 10;
/**
 * Texts of at least 256 K characters reach a counting thread through one of two shared buffers kept
 * from call to call (text-handoff.ts; decision 015): two large prompts in flight each have one. A
 * buffer is as large as a request body may be (GATEWAY_MAX_BODY_BYTES): a call's texts, as UTF-8, are
 * never longer than the JSON they came in (a \u escape only gets shorter). Larger ones are cloned.
 */
const HAND_OFF_MIN_CHARS = 256 * 1024;
const HAND_OFF_BUFFERS = 2;

const slot = globalThis as unknown as { tollgateTokenCounter?: { counter: TokenCounter; pool: TokenCountPool | null } };

/** CPU cores − 1 (the proxy keeps one), at least 1 and at most 4. */
export function defaultCountingThreads(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

function create(): { counter: TokenCounter; pool: TokenCountPool | null } {
  const config = env();
  const threads = config.TOKEN_COUNT_THREADS ?? defaultCountingThreads();
  const pool =
    threads === 0
      ? null
      : new TokenCountPool({
          workerFile: tokenCountThreadFile(),
          threads,
          queueMax: config.TOKEN_COUNT_QUEUE_MAX,
          tasksPerThread: TASKS_PER_THREAD,
          stuckAfterMs: STUCK_AFTER_MS,
          niceIncrement: NICE_INCREMENT,
          handOff: { minChars: HAND_OFF_MIN_CHARS, bufferBytes: config.GATEWAY_MAX_BODY_BYTES, buffers: HAND_OFF_BUFFERS },
        });
  const counter = new TokenCounter({ inlineMaxWeight: config.TOKEN_COUNT_INLINE_MAX_CHARS, deadlineMs: config.TOKEN_COUNT_DEADLINE_MS, pool });
  return { counter, pool };
}

function current() {
  slot.tollgateTokenCounter ??= create();
  return slot.tollgateTokenCounter;
}

// Tallies by "path outcome", read by the tollgate_token_counts_total metric at scrape time
// (lib/metrics/metrics.ts): the inline count is every governed chat call's, and a plain increment
// costs it nothing, where a prom-client counter hashes its labels on every call.
const tallies = ((globalThis as unknown as { tollgateTokenCountTallies?: Record<string, number> }).tollgateTokenCountTallies ??= {});

function record(report: CountReport): void {
  // "partial": the thread reached the deadline inside a text and counted the rest as bytes.
  const outcome = report.path === "bound" ? (report.refusal ?? "failed") : report.quality === "bound" ? "partial" : report.quality;
  const key = report.path === "inline" ? "inline exact" : `${report.path} ${outcome}`;
  tallies[key] = (tallies[key] ?? 0) + 1;
}

/**
 * Counts `texts` (see token-counter.ts); never rejects, never blocks the event loop for long. An
 * inline count is answered synchronously (no promise on the hot path); `await` takes either.
 */
export function countTexts(texts: readonly string[], signal?: CountSignal): CountReport | Promise<CountReport> {
  const { counter } = current();
  const inline = counter.countInline(texts);
  if (inline) {
    record(inline);
    return inline;
  }
  return counter.count(texts, signal).then((report) => {
    record(report);
    return report;
  });
}

/**
 * At start-up, before serving: loads the tokenizer here and has a counting thread load it too (each
 * takes 0.5–1.5 s), so no call pays for either and the first large prompt is not past its deadline
 * before a thread is even ready.
 */
export async function warmTokenCounting(): Promise<void> {
  const { pool } = current();
  pool?.start();
  await Promise.all([loadEncoder(), pool?.count(["warm up"], Date.now() + 60_000)]);
}

/** For tests: drops the counter (and stops its threads) so the next count reads the environment again. */
export async function resetTokenCounting(): Promise<void> {
  const previous = slot.tollgateTokenCounter;
  slot.tollgateTokenCounter = undefined;
  await previous?.pool?.close();
}
