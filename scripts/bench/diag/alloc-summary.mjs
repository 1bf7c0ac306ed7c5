#!/usr/bin/env node
// Summarises a .heapprofile written by alloc-profile.mjs: bytes allocated per function (self) and
// per function including callees, so the biggest sources of garbage per call stand out.
//   node scripts/bench/diag/alloc-summary.mjs <file.heapprofile> [--calls n] [--top n]
// With --calls (the requests served in the window) the bytes are also given per call.
import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { calls: { type: "string" }, top: { type: "string", default: "30" } },
});
if (positionals.length !== 1) {
  console.error("usage: alloc-summary.mjs <file.heapprofile> [--calls n] [--top n]");
  process.exit(2);
}
if (!existsSync(positionals[0])) {
  console.error(`no profile at ${positionals[0]}: run \`npm run bench -- --rate-only --alloc\` first`);
  process.exit(1);
}
const { head } = JSON.parse(readFileSync(positionals[0], "utf8"));
const calls = values.calls ? Number(values.calls) : null;
const top = Number(values.top);

const where = (frame) => {
  const file = frame.url ? frame.url.replace(/^.*\/(node_modules\/|\.next\/|scripts\/|lib\/)/, "$1") : "(native)";
  return `${frame.functionName || "(anonymous)"} ${file}:${frame.lineNumber + 1}`;
};
const self = new Map();
const total = new Map();
let all = 0;
// Returns the node's bytes including its subtree; a function that recurses is counted once per path.
const walk = (node, onPath) => {
  const name = where(node.callFrame);
  let bytes = node.selfSize;
  self.set(name, (self.get(name) ?? 0) + node.selfSize);
  all += node.selfSize;
  const path = new Set(onPath).add(name);
  for (const child of node.children) bytes += walk(child, path);
  if (!onPath.has(name)) total.set(name, (total.get(name) ?? 0) + bytes);
  return bytes;
};
walk(head, new Set());

const kb = (bytes) => (bytes / 1024).toFixed(1).padStart(9);
const perCall = (bytes) => (calls ? `${(bytes / calls / 1024).toFixed(2).padStart(8)} KB/call` : "");
const print = (title, map) => {
  console.log(`\n${title}`);
  for (const [name, bytes] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${kb(bytes)} KB ${(100 * bytes / all).toFixed(1).padStart(5)} % ${perCall(bytes)}  ${name}`);
  }
};
console.log(`allocated in the window: ${(all / 1024 / 1024).toFixed(1)} MB${calls ? `, ${(all / calls / 1024).toFixed(1)} KB per call` : ""}`);
print("self (allocated in the function itself)", self);
print("total (the function and what it called)", total);
