// Reads what thread-faults.mjs recorded and prints, for each stretch of large calls (JSON.parse of
// texts over 1 MB; a new stretch where the body's text changes or after 3 s without one: the
// benchmark's prose run, then its random-text run), every thread's minor page faults and CPU ms per large call, and the same thread's
// rate with small calls alone (the 10 s before the first large call) taken off.
//   node scripts/bench/diag/thread-faults-summary.mjs /tmp/faults.jsonl
import { readFileSync } from "node:fs";

const records = readFileSync(process.argv[2], "utf8").trim().split("\n").map((line) => JSON.parse(line));
const labels = new Map(); // tid → label
const byThreadId = new Map();
for (const r of records.filter((r) => r.type === "thread")) {
  const entry = byThreadId.get(r.threadId) ?? {};
  Object.assign(entry, r.tid !== undefined ? { tid: r.tid } : {}, r.label !== undefined ? { label: r.label } : {});
  byThreadId.set(r.threadId, entry);
}
for (const { tid, label } of byThreadId.values()) if (tid !== undefined) labels.set(String(tid), label ?? "worker");
const samples = records.filter((r) => r.type === "sample");
const parses = records.filter((r) => r.type === "parse");

const stretches = [];
for (const { at, sample } of parses) {
  const last = stretches.at(-1);
  if (last && at - last.end < 3000 && sample === last.sample) {
    last.end = at;
    last.calls += 1;
  } else stretches.push({ start: at, end: at, calls: 1, sample });
}

const sampleAt = (at) => samples.reduce((best, s) => (Math.abs(s.at - at) < Math.abs(best.at - at) ? s : best));
const delta = (from, to) => {
  const out = {};
  for (const [tid, [faults, cpu]] of Object.entries(to.threads)) {
    const [f0, c0] = from.threads[tid] ?? [0, 0];
    out[tid] = { faults: faults - f0, cpu: cpu - c0 };
  }
  return out;
};

const first = stretches[0];
const aloneFrom = sampleAt(first.start - 11_000);
const aloneTo = sampleAt(first.start - 1000);
const alone = delta(aloneFrom, aloneTo);
const aloneSeconds = (aloneTo.at - aloneFrom.at) / 1000;

for (const [index, stretch] of stretches.entries()) {
  // From one large call's parse to the last's: calls - 1 calls' worth of work in between.
  const from = sampleAt(stretch.start);
  const to = sampleAt(stretch.end);
  const seconds = (to.at - from.at) / 1000;
  const calls = stretch.calls - 1;
  if (calls < 1 || seconds <= 0) continue;
  console.log(`stretch ${index + 1}: ${stretch.calls} large calls over ${seconds.toFixed(1)} s (${(stretch.calls / seconds).toFixed(1)}/s)`);
  console.log("thread                         faults/call  (minus alone)   cpu ms/call  (minus alone)");
  const rows = Object.entries(delta(from, to))
    .map(([tid, d]) => {
      const base = alone[tid] ?? { faults: 0, cpu: 0 };
      const scale = seconds / aloneSeconds;
      return { tid, label: labels.get(tid) ?? "", ...d, faultsNet: d.faults - base.faults * scale, cpuNet: d.cpu - base.cpu * scale };
    })
    .filter((r) => r.faults > 0 || r.cpu > 0)
    .sort((a, b) => b.faults - a.faults);
  let total = { faults: 0, faultsNet: 0, cpu: 0, cpuNet: 0 };
  for (const r of rows) {
    for (const key of Object.keys(total)) total[key] += r[key];
    const name = `${r.tid} ${r.label || "(unlabelled)"}`.padEnd(30);
    console.log(`${name} ${(r.faults / calls).toFixed(0).padStart(11)}  ${(r.faultsNet / calls).toFixed(0).padStart(13)}   ${(r.cpu / calls).toFixed(1).padStart(11)}  ${(r.cpuNet / calls).toFixed(1).padStart(13)}`);
  }
  console.log(`${"all".padEnd(30)} ${(total.faults / calls).toFixed(0).padStart(11)}  ${(total.faultsNet / calls).toFixed(0).padStart(13)}   ${(total.cpu / calls).toFixed(1).padStart(11)}  ${(total.cpuNet / calls).toFixed(1).padStart(13)}`);
  console.log();
}
