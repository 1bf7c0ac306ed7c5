// How far V8 lets the old generation grow past what survived the last full (mark-compact) GC before
// it starts the next one. V8 picks that factor itself, between 1.1 and 4, to keep the share of time
// spent in GC low — not to keep pauses rare. For a proxy at a steady few hundred calls per second it
// picks about 1.2: with ~45 MB live (nearly half of it the tokenizer's tables) a full GC came every
// 4–5 s at 500 req/s, each a 7–14 ms pause plus marking steps, in the streamed p99's tail
// (docs/decisions/010-heap-growth-and-young-generation.md). A fixed factor of 4 (300 %) spaces them 30 s or more apart, for
// about 60 MB more peak memory of the whole process. `TOLLGATE_HEAP_GROWTH_PERCENT=0` leaves V8's
// own choice.
//
// V8 reads the flag each time it recomputes the limit, so setting it at run time, before serving,
// takes effect from the next full GC on (lib/boot/heap-growth.test.ts checks that it does).
import { setFlagsFromString } from "node:v8";

export function applyHeapGrowth(percent: number): void {
  if (!Number.isInteger(percent) || percent < 0) throw new RangeError(`heap growth must be a whole percentage ≥ 0, got ${percent}`);
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
}
