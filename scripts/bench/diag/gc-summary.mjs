#!/usr/bin/env node
// Summarises Tollgate's `--trace-gc-nvp` output (npm run bench -- --rate-only --node-arg=--trace-gc-nvp,
// then data/bench/logs/tollgate.log): for the main isolate (the one with the most GC lines; the
// Next.js and usage-writer threads have their own), per window of --window seconds, how many
// scavenges there were, their mean and longest pause, and what each promoted on average, plus the
// other GCs (mark-compacts). A scavenge's pause follows what survives it, so "promoted per scavenge"
// is the number to watch when a change is meant to shorten GC pauses.
//   node scripts/bench/diag/gc-summary.mjs [data/bench/logs/tollgate.log] [--window 5] [--min 10]
// --min hides windows with fewer scavenges (start-up, idle gaps between runs). --rate <req/s> adds
// the bytes promoted per call at that rate (for the open-loop windows): the number to compare between
// builds that allocate differently, since a scavenge comes after a fixed amount of allocation.
import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { window: { type: "string", default: "5" }, min: { type: "string", default: "10" }, rate: { type: "string" } },
});
const file = positionals[0] ?? "data/bench/logs/tollgate.log";
const windowSeconds = Number(values.window);
const minScavenges = Number(values.min);
const rate = values.rate === undefined ? null : Number(values.rate);
if (positionals.length > 1 || !(windowSeconds > 0) || !(minScavenges >= 0) || (rate !== null && !(rate > 0))) {
  console.error("usage: gc-summary.mjs [tollgate.log] [--window seconds] [--min scavenges] [--rate req/s]");
  process.exit(2);
}
if (!existsSync(file)) {
  console.error(`no log at ${file}: run \`npm run bench -- --rate-only --node-arg=--trace-gc-nvp\` first`);
  process.exit(1);
}

// [pid:isolate]   12345 ms: pause=3.3 mutator=… gc=s … promoted=750376 …
const LINE = /^\[(\d+:0x[0-9a-f]+)\]\s+(\d+) ms: (.*\bgc=.*)$/;
const byIsolate = new Map();
for (const line of readFileSync(file, "utf8").split("\n")) {
  const match = LINE.exec(line);
  if (!match) continue;
  const fields = Object.fromEntries([...match[3].matchAll(/(?:^|\s)([\w.]+)=(\S+)/g)].map((m) => [m[1], m[2]]));
  const events = byIsolate.get(match[1]) ?? [];
  events.push({ atMs: Number(match[2]), kind: fields.gc, pauseMs: Number(fields.pause), promoted: Number(fields.promoted ?? 0) });
  byIsolate.set(match[1], events);
}
if (byIsolate.size === 0) {
  console.error(`${file} has no --trace-gc-nvp lines: was Tollgate started with --node-arg=--trace-gc-nvp?`);
  process.exit(1);
}
const [isolate, events] = [...byIsolate].sort((a, b) => b[1].length - a[1].length)[0];

const windows = new Map();
for (const event of events) {
  const start = Math.floor(event.atMs / 1000 / windowSeconds) * windowSeconds;
  const w = windows.get(start) ?? { scavenges: 0, pauseMs: 0, maxPauseMs: 0, promoted: 0, others: 0, othersMs: 0 };
  if (event.kind === "s") {
    w.scavenges++;
    w.pauseMs += event.pauseMs;
    w.maxPauseMs = Math.max(w.maxPauseMs, event.pauseMs);
    w.promoted += event.promoted;
  } else {
    w.others++;
    w.othersMs += event.pauseMs;
  }
  windows.set(start, w);
}

console.log(`main isolate ${isolate}: ${events.length} GCs; windows of ${windowSeconds} s since Tollgate started`);
console.log(`window      scavenges  mean pause  max pause  promoted/scavenge${rate ? `  promoted/call @${rate}/s` : ""}  other GCs (pause)`);
for (const [start, w] of [...windows].sort((a, b) => a[0] - b[0])) {
  if (w.scavenges < minScavenges) continue;
  const mean = (w.pauseMs / w.scavenges).toFixed(2);
  const promotedKb = Math.round(w.promoted / w.scavenges / 1024);
  const perCall = rate ? `  ${(w.promoted / (rate * windowSeconds) / 1024).toFixed(2).padStart(14)} KB` : "";
  console.log(
    `${String(start).padStart(4)}–${String(start + windowSeconds).padEnd(4)} s ${String(w.scavenges).padStart(9)}  ${mean.padStart(7)} ms  ${w.maxPauseMs.toFixed(1).padStart(6)} ms  ${String(promotedKb).padStart(12)} KB${perCall}  ${w.others} (${w.othersMs.toFixed(1)} ms)`,
  );
}
