// The console's thread: Next.js (pages, admin API, sign-in, playground) in a worker thread, on a
// loopback port that scripts/server.mjs forwards every non-proxy request to. Keeping Next out of the
// main thread keeps its ~90 MB heap (every major GC of the proxy's thread would walk it) and its
// AsyncLocalStorage promise hooks off the proxy's path; docs/architecture.md ("Threads") has the
// numbers. State both threads need lives in the main thread and is reached through the port in
// workerData (lib/boot/host-bridge.ts).
import { createRequire } from "node:module";
import { join } from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import next from "next";
import { threadBundleFile } from "./build-threads.mjs";
import { createDrainingServer } from "./draining-server.mjs";

const { dir, port, hostname, hostPort, drainTimeoutMs, requestTimeoutMs } = workerData;
// lib/boot/console-thread-entry.ts, built by scripts/build-threads.mjs when the main thread started.
const { attachHostPort, drainAndClose, stopJobRunners } = createRequire(join(dir, "package.json"))(threadBundleFile(dir, "console-thread"));
// Before Next loads any of lib/: from now on hostBridge() answers with the bridge to the main thread.
attachHostPort(hostPort);

const app = next({ dir, dev: false, port, hostname });
await app.prepare();
const handle = app.getRequestHandler();

const { server, drain } = createDrainingServer((req, res) => handle(req, res), { requestTimeoutMs });

/**
 * Finish what is in flight (requests, and the calls of warm-up jobs and batches: their runners claim
 * nothing more and hand unfinished jobs back), hand the last usage records to the main thread, close
 * this thread's connections.
 */
async function stop() {
  await Promise.all([drain(drainTimeoutMs), stopJobRunners(drainTimeoutMs)]);
  await drainAndClose();
}

parentPort.on("message", (message) => {
  if (message?.kind === "stop") void stop().finally(() => parentPort.postMessage({ kind: "stopped" }));
});

server.listen(0, "127.0.0.1", () => parentPort.postMessage({ kind: "listening", port: server.address().port }));
