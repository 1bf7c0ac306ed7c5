// Preloaded into Tollgate by hand (`npm run bench -- --large-prompts --node-arg=--import=./scripts/bench/diag/thread-faults.mjs`,
// with TOLLGATE_FAULTS_FILE set): every thread's minor page faults and time on a CPU, read from
// /proc/self/task/<tid>/stat every 100 ms, and the moment of every JSON.parse of a text over 1 MB (one
// per large call). thread-faults-summary.mjs turns the file into faults per large call, thread by
// thread. On this VM a first touch of a fresh 4 KB page costs ~10 µs, so a thread's minor faults are
// much of what a large call costs it (docs/decisions/016-upstream-bodies-serialized-in-slices.md).
//
// Node 20 names no thread, so each is labelled: "main" (tid = pid), a worker by what started it (the
// Worker's file or the first words of its code: the counting threads are piscina's), the rest by tid
// (V8's platform threads, libuv's pool). Not for production.
import fs from "node:fs";
import { isMainThread, threadId, Worker } from "node:worker_threads";

const file = process.env.TOLLGATE_FAULTS_FILE;
const BIG = 1_000_000;

const ownTid = () => Number(fs.readlinkSync("/proc/thread-self").split("/").pop());
const write = (record) => fs.appendFileSync(file, JSON.stringify(record) + "\n");

if (file && !isMainThread) write({ type: "thread", threadId, tid: ownTid() });

if (file && isMainThread) {
  write({ type: "thread", threadId: 0, tid: ownTid(), label: "main" });
  const OriginalWorker = Worker;
  const labelOf = (what, options) => {
    if (what instanceof URL) return what.pathname.split("/").slice(-2).join("/");
    if (typeof what === "string" && !options?.eval) return what.split("/").slice(-3).join("/");
    const text = String(what);
    for (const name of ["sqlite-usage", "sqlite-cache", "span", "piscina", "next"]) if (text.includes(name)) return `eval:${name}`;
    return `eval:${text.slice(0, 40).replace(/\s+/g, " ")}`;
  };
  // Every Worker made from here on (piscina's included: it imports the same module) reports its label.
  class LabelledWorker extends OriginalWorker {
    constructor(what, options) {
      super(what, options);
      write({ type: "thread", threadId: this.threadId, label: labelOf(what, options) });
    }
  }
  const { createRequire, syncBuiltinESMExports } = await import("node:module");
  createRequire(import.meta.url)("node:worker_threads").Worker = LabelledWorker;
  syncBuiltinESMExports();

  const parse = JSON.parse;
  JSON.parse = function (text, reviver) {
    if (typeof text === "string" && text.length > BIG) write({ type: "parse", at: Date.now(), chars: text.length, sample: text.slice(100, 140) });
    return parse.call(this, text, reviver);
  };

  const sample = () => {
    const threads = {};
    for (const tid of fs.readdirSync("/proc/self/task")) {
      try {
        const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, "latin1");
        const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        // after the comm: f[7] minflt, f[11] utime, f[12] stime (ticks of 10 ms)
        threads[tid] = [Number(f[7]), (Number(f[11]) + Number(f[12])) * 10];
      } catch {
        // the thread ended between the listing and the read
      }
    }
    write({ type: "sample", at: Date.now(), threads });
  };
  setInterval(sample, 100).unref();
}
