#!/usr/bin/env node
// Summarizes a V8 .cpuprofile (from `npm run bench -- --profile`): self time by origin (Next.js,
// undici, node internals, the app's own bundled code, GC…) and the top functions by self time.
//   node scripts/bench/profile-summary.mjs <file.cpuprofile> [--top 25] [--from s] [--to s]
// --from/--to keep only the samples in that window (seconds since the process started), e.g. one
// run of the benchmark rather than startup; the busy-per-5-s timeline printed first helps pick it.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: "string", default: "25" }, from: { type: "string", default: "0" }, to: { type: "string", default: "1e9" } },
});
const file = positionals[0];
if (!file) {
  console.error("usage: node scripts/bench/profile-summary.mjs <file.cpuprofile> [--top 25] [--from s] [--to s]");
  process.exit(2);
}
const top = Number(values.top);
const [from, to] = [Number(values.from) * 1000, Number(values.to) * 1000];
const profile = JSON.parse(readFileSync(file, "utf8"));

const selfMs = new Map(); // node id -> ms
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const timeline = []; // busy ms per 5 s
let at = 0;
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  const delta = (profile.timeDeltas[i] ?? 0) / 1000;
  at += delta;
  const idle = byId.get(id).callFrame.functionName === "(idle)";
  timeline[Math.floor(at / 5000)] = (timeline[Math.floor(at / 5000)] ?? 0) + (idle ? 0 : delta);
  if (at < from || at > to) continue;
  selfMs.set(id, (selfMs.get(id) ?? 0) + delta);
}
console.log(`busy per 5 s: ${Array.from(timeline, (ms, i) => `${i * 5}s ${Math.round((ms ?? 0) / 50)}%`).join(" · ")}\n`);

function origin(url, name) {
  if (!url) return name.startsWith("(") ? name : "(native / builtin)";
  if (url.includes("/node_modules/next/")) return "next (runtime)";
  if (url.includes("undici")) return "undici";
  if (url.includes("/node_modules/@prisma/") || url.includes("/generated/prisma")) return "prisma";
  if (url.includes("/node_modules/")) return `node_modules/${url.split("/node_modules/").pop().split("/").slice(0, url.includes("/node_modules/@") ? 2 : 1).join("/")}`;
  if (url.includes("/.next/server/")) return "app (.next/server bundles)";
  if (url.startsWith("node:")) return "node internals";
  return url.replace(/^file:\/\//, "");
}

const byOrigin = new Map();
const byFunction = new Map();
let total = 0;
let idle = 0;
for (const [id, ms] of selfMs) {
  const { callFrame } = byId.get(id);
  const name = callFrame.functionName || "(anonymous)";
  if (name === "(idle)") {
    idle += ms;
    continue;
  }
  total += ms;
  const o = origin(callFrame.url, name);
  byOrigin.set(o, (byOrigin.get(o) ?? 0) + ms);
  const where = callFrame.url ? `${callFrame.url.replace(/^file:\/\//, "").replace(/.*\/node_modules\//, "")}:${callFrame.lineNumber + 1}` : "";
  const key = `${name} ${where}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
}

const pct = (ms) => `${((100 * ms) / total).toFixed(1).padStart(5)}%`;
console.log(`busy ${(total / 1000).toFixed(1)} s, idle ${(idle / 1000).toFixed(1)} s\n\nself time by origin:`);
for (const [o, ms] of [...byOrigin].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`  ${pct(ms)}  ${o}`);
console.log(`\ntop ${top} functions by self time:`);
for (const [f, ms] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(ms)}  ${f.slice(0, 160)}`);
