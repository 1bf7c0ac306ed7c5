// The console's thread: Next.js (pages, admin API, sign-in, playground) in a worker thread, on a
// loopback port that scripts/server.mjs forwards every non-proxy request to. Keeping Next out of the
// main thread keeps its ~90 MB heap (every major GC of the proxy's thread would walk it) and its
// AsyncLocalStorage promise hooks off the proxy's path; docs/architecture.md ("Threads") has the
// numbers. State both threads need lives in the main thread and is reached through the port in
// workerData (lib/boot/host-bridge.ts).
import { parentPort, workerData } from "node:worker_threads";
import next from "next";
import { createDrainingServer } from "./draining-server.mjs";

const { dir, port, hostname, hostPort, drainTimeoutMs } = workerData;
// Before Next loads any of lib/: hostBridge() finds the port here.
globalThis.tollgateHostPort = hostPort;

const app = next({ dir, dev: false, port, hostname });
await app.prepare();
const handle = app.getRequestHandler();

const { server, drain } = createDrainingServer((req, res) => handle(req, res));

/** Finish what is in flight, hand the last usage records to the main thread, close this thread's connections. */
async function stop() {
  // Alongside the requests: warm-up calls in flight finish (or are cut off after the same grace
  // period) and unfinished jobs are handed back for the next start; their usage goes with the flush below.
  const warmups = globalThis.tollgateWarmupRunner?.stop(drainTimeoutMs).catch((error) => console.error("[tollgate] stopping the cache warm-up runner failed", error));
  await Promise.all([drain(drainTimeoutMs), warmups]);
  // Answered after every record this thread posted before it (one ordered port), and written.
  await globalThis.tollgateHostBridge?.call("usage.flush").catch((error) => console.error("[tollgate] console usage flush failed", error));
  await Promise.allSettled([globalThis.tollgateStore?.close(), globalThis.tollgateDb?.$disconnect()]);
}

parentPort.on("message", (message) => {
  if (message?.kind === "stop") void stop().finally(() => parentPort.postMessage({ kind: "stopped" }));
});

server.listen(0, "127.0.0.1", () => parentPort.postMessage({ kind: "listening", port: server.address().port }));
