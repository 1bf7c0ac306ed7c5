#!/usr/bin/env node
// Which work of the large calls the proxy's longest event-loop stalls held: the stalls and GC pauses
// from loop-stalls.mjs ($TOLLGATE_DIAG_FILE) against the steps from large-call-steps.mjs
// ($TOLLGATE_STEPS_FILE), both preloaded into the proxy of prompt-stall.mjs:
//
//   TOLLGATE_DIAG_FILE=/tmp/diag.jsonl TOLLGATE_STEPS_FILE=/tmp/steps.jsonl node scripts/bench/diag/prompt-stall.mjs \
//     --rate 500 --seconds 10 --node-arg=--import=./scripts/bench/diag/loop-stalls.mjs \
//     --node-arg=--import=./scripts/bench/diag/large-call-steps.mjs
//   node scripts/bench/diag/large-call-stalls.mjs /tmp/diag.jsonl /tmp/steps.jsonl [how many stalls]
//
// Everything from a second before the first large step on. Prints each kind of step (count, wall and CPU ms, page faults: median and max) and the longest stalls
// with what overlapped them.
import { readDiagEvents } from "./stalls.mjs";

const [diagFile, stepsFile, top = "12"] = process.argv.slice(2);
const steps = readDiagEvents(stepsFile);
// From the first large call on: start-up's stalls (loading modules, the tokenizer) are not the question.
const from = Math.min(...steps.map((e) => e.at)) - 1000;
const events = [...readDiagEvents(diagFile), ...steps].filter((e) => e.at >= from);
const stalls = events.filter((e) => e.type === "stall").sort((a, b) => b.ms - a.ms);
const others = events.filter((e) => e.type !== "stall");
const median = (values) => values.sort((a, b) => a - b)[values.length >> 1];
for (const type of [...new Set(others.map((e) => e.type))]) {
  const of = others.filter((e) => e.type === type);
  const line = ["ms", "cpuMs", "faults"].filter((key) => of[0][key] !== undefined).map((key) => {
    const values = of.map((e) => e[key]);
    return `${key} median ${median([...values]).toFixed(1)} max ${Math.max(...values).toFixed(1)}`;
  });
  console.log(`${type}${type === "gc" ? " (kind 1 scavenge, 4 incremental marking, 8 weak callbacks)" : ""}: ${of.length}; ${line.join(", ")}`);
}
for (const stall of stalls.slice(0, Number(top))) {
  const overlapping = others
    .filter((e) => e.at < stall.at + stall.ms && e.at + e.ms > stall.at)
    .map((e) => (e.type === "gc" ? `gc kind ${e.kind} ${e.ms.toFixed(1)} ms` : `${e.type} ${e.cpuMs.toFixed(1)} ms on a CPU, ${e.faults} faults`));
  console.log(`stall ${stall.ms.toFixed(1)} ms (on a CPU ${stall.cpuMs.toFixed(1)}, waiting ${stall.waitMs.toFixed(1)}): ${overlapping.join("; ") || "–"}`);
}
