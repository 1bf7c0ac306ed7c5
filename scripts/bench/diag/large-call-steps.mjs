// Preloaded into the proxy (node --import) by hand, next to loop-stalls.mjs: times the pieces of a large
// call's work on the main thread that each touch megabytes at once — JSON.parse of a text over 1 MB,
// Buffer latin1/utf8 slices over 1 MB (a large request body's text), and the hand-off of a text over
// 1 MB to a counting thread (piscina's postMessage, and the write into a shared buffer before it), and
// each piece of a large upstream body (Buffer.from of a string of 32 K characters or more) — with the
// thread's time on a CPU and the thread's own minor page faults of each, into $TOLLGATE_STEPS_FILE
// (JSON lines). large-call-stalls.mjs lines them up with the event-loop stalls. Costs nothing for small calls; not for production.
import fs from "node:fs";
import { isMainThread, MessagePort } from "node:worker_threads";

const file = process.env.TOLLGATE_STEPS_FILE;
const BIG = 1_000_000;
if (isMainThread && file) {
  const origin = performance.timeOrigin;
  const lines = [];
  const fd = fs.openSync("/proc/thread-self/schedstat", "r");
  const buffer = Buffer.alloc(128);
  const onCpuMs = () => Number(buffer.toString("latin1", 0, fs.readSync(fd, buffer, 0, 128, 0)).split(" ")[0]) / 1e6;
  // This thread's minor faults (process.resourceUsage() counts every thread's: the counting threads' too).
  const statFd = fs.openSync("/proc/thread-self/stat", "r");
  const statBuffer = Buffer.alloc(1024);
  const minorFaults = () => {
    const stat = statBuffer.toString("latin1", 0, fs.readSync(statFd, statBuffer, 0, 1024, 0));
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[7]);
  };
  const timed = (type, original, isBig) =>
    function (...args) {
      if (!isBig(args, this)) return original.apply(this, args);
      const started = performance.now();
      const cpu = onCpuMs();
      const faults = minorFaults();
      try {
        return original.apply(this, args);
      } finally {
        lines.push(JSON.stringify({ type, at: origin + started, ms: performance.now() - started, cpuMs: onCpuMs() - cpu, faults: minorFaults() - faults }));
      }
    };
  JSON.parse = timed("parse", JSON.parse, (args) => typeof args[0] === "string" && args[0].length > BIG);
  for (const name of ["latin1Slice", "utf8Slice"]) {
    Buffer.prototype[name] = timed(name, Buffer.prototype[name], (args, buf) => (args[1] ?? buf.length) - (args[0] ?? 0) > BIG);
  }
  // A text over 1 MB handed over either as a string (cloned) or in a shared buffer (lib/tokens/text-handoff.ts),
  // whose write is timed on its own as "hand-off write" (add it to "hand-off" for the whole hand-off).
  const bigTexts = (texts) =>
    Array.isArray(texts) && texts.some((text) => (typeof text === "string" ? text.length : (text?.byteLength ?? 0)) > BIG);
  MessagePort.prototype.postMessage = timed("hand-off", MessagePort.prototype.postMessage, (args) => bigTexts(args[0]?.task?.texts));
  TextEncoder.prototype.encodeInto = timed("hand-off write", TextEncoder.prototype.encodeInto, (args) => typeof args[0] === "string" && args[0].length > BIG);
  // A piece of a large upstream body (lib/json/encode-json-in-turns.ts: 64 K characters of JSON at a time).
  const bufferFrom = Buffer.from;
  Buffer.from = timed("upstream piece", bufferFrom, (args) => typeof args[0] === "string" && args[0].length >= 32 * 1024);
  setInterval(() => {
    if (lines.length === 0) return;
    fs.appendFileSync(file, lines.join("\n") + "\n");
    lines.length = 0;
  }, 250).unref();
}
