// Where counting a text on the event loop stops being cheaper than handing it to a counting thread
// (docs/decisions/015-token-counting-off-the-event-loop.md). For each size and kind of text, the
// event loop's busy time per count (performance.eventLoopUtilization: what the proxy's thread pays)
// and the wall time per count, counted inline and through the thread pool, one count at a time.
//
//   npx tsx scripts/bench/diag/token-count-crossover.ts [--sizes 256,1024,...] [--kinds english,cjk] [--runs 300]
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { clearMergeCache } from "gpt-tokenizer";
import { TokenCountPool, tokenCountThreadFile } from "../../../lib/tokens/token-count-pool";
import { TokenCounter, loadEncoder } from "../../../lib/tokens/token-counter";
import { bigPrompt } from "../big-prompts.mjs";

const { values: opts } = parseArgs({
  options: {
    sizes: { type: "string", default: "256,512,1024,2048,4096,8192,16384" },
    kinds: { type: "string", default: "english,random,cjk" },
    runs: { type: "string", default: "300" },
  },
});
const runs = Number(opts.runs);
const pool = new TokenCountPool({
  workerFile: tokenCountThreadFile(),
  threads: 1,
  queueMax: 64,
  tasksPerThread: 4,
  stuckAfterMs: 5000,
  niceIncrement: 0,
});
const inline = new TokenCounter({ inlineMaxWeight: Infinity, inlineMaxRun: Infinity, deadlineMs: 60_000, pool: null });
const threaded = new TokenCounter({ inlineMaxWeight: 0, deadlineMs: 60_000, pool });

/** `runs` different texts of `size` characters (different slices, so the merge cache does not answer them all). */
function texts(kind: string, size: number): string[] {
  const source = bigPrompt(kind, size * (runs + 1) * 3);
  return Array.from({ length: runs }, (_, i) => source.slice(i * size, (i + 1) * size));
}

async function measure(counter: TokenCounter, list: string[]) {
  clearMergeCache();
  const elu = performance.eventLoopUtilization();
  const start = performance.now();
  for (const text of list) await counter.count([text]);
  const wall = (performance.now() - start) / list.length;
  const busy = performance.eventLoopUtilization(elu).active / list.length;
  return { busyUs: busy * 1000, wallUs: wall * 1000 };
}

async function main() {
await loadEncoder();
pool.start();
await threaded.count(["warm up the thread"]);
console.log("kind     size   inline busy/wall µs   thread busy/wall µs   (per count, event loop busy time / wall time)");
for (const kind of opts.kinds.split(",")) {
  for (const size of opts.sizes.split(",").map(Number)) {
    const list = texts(kind, size);
    const a = await measure(inline, list);
    const b = await measure(threaded, list);
    console.log(
      `${kind.padEnd(8)} ${String(size).padStart(5)}   ${a.busyUs.toFixed(0).padStart(7)} / ${a.wallUs.toFixed(0).padStart(7)}     ${b.busyUs.toFixed(0).padStart(7)} / ${b.wallUs.toFixed(0).padStart(7)}`,
    );
  }
}
await pool.close();
}

void main();
