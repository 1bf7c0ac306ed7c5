// The HTTP server around Next.js. It exists for two reasons:
// - speed: the proxy routes (/v1/*, /api/v1/*) are served straight from node:http by
//   `gateway` (lib/gateway/transport/node-gateway.ts) when it is given, skipping the Next.js
//   request pipeline; everything else goes to Next. In production Next runs in a worker thread
//   (scripts/next-worker.mjs, `next: "worker"`), so its heap and hooks stay off the proxy's thread;
//   in development it runs here (`next: "inline"`) for hot reload;
// - a graceful shutdown that loses nothing: on SIGTERM/SIGINT it stops accepting connections, lets
//   in-flight requests (streams included) finish, stops the console's worker (which hands over its
//   last usage records), drains the usage buffer to the database, and only then exits.
import { MessageChannel, Worker } from "node:worker_threads";
import { consoleForwarder } from "./console-forwarder.mjs";
import { createDrainingServer } from "./draining-server.mjs";

const DRAIN_TIMEOUT_MS = Number(process.env.TOLLGATE_DRAIN_TIMEOUT_MS ?? 30_000);

async function prepareNext(options) {
  const { default: next } = await import("next");
  const app = next(options);
  await app.prepare();
  return app.getRequestHandler();
}

/** Starts Next.js in a worker thread; resolves once it listens on loopback. */
async function startConsoleWorker({ dir, port, hostname, serveConsoleBridge }) {
  const { port1, port2 } = new MessageChannel();
  serveConsoleBridge(port1);
  const worker = new Worker(new URL("./next-worker.mjs", import.meta.url), {
    workerData: { dir, port, hostname, hostPort: port2, drainTimeoutMs: DRAIN_TIMEOUT_MS },
    transferList: [port2],
  });
  const consolePort = await new Promise((resolve, reject) => {
    const onExit = (code) => reject(new Error(`the console's worker exited with code ${code} before it was ready`));
    worker.once("error", reject);
    worker.once("exit", onExit);
    worker.once("message", (message) => {
      worker.off("error", reject);
      worker.off("exit", onExit);
      resolve(message.port);
    });
  });
  const stop = async () => {
    if (worker.threadId === -1) return; // it died on its own: nothing left to hand over
    const stopped = new Promise((resolve) => {
      worker.on("message", (message) => message?.kind === "stopped" && resolve());
      worker.once("exit", resolve);
    });
    worker.postMessage({ kind: "stop" });
    await Promise.race([stopped, new Promise((r) => setTimeout(r, DRAIN_TIMEOUT_MS + 5_000))]);
    await worker.terminate();
  };
  return { worker, forward: consoleForwarder(consolePort), stop };
}

async function notFound(req, res) {
  res.writeHead(404, { "content-type": "application/json" });
  res.end(JSON.stringify({ error: { message: "Not found", type: "invalid_request_error" } }));
}

/**
 * `next`: "worker" (production: Next.js in a worker thread, `serveConsoleBridge` required), "inline"
 * (development) or "none" (the proxy alone, anything else a 404: the shutdown test uses it).
 */
export async function startServer({ dir, port, hostname = "0.0.0.0", dev = false, gateway = null, next = "worker", serveConsoleBridge, log = console }) {
  const consoleWorker = next === "worker" ? await startConsoleWorker({ dir, port, hostname, serveConsoleBridge }) : null;
  const handle = consoleWorker?.forward ?? (next === "inline" ? await prepareNext({ dev, dir, port, hostname }) : notFound);

  const { server, drain, inFlight } = createDrainingServer((req, res) => gateway?.(req, res) ?? handle(req, res), log);

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, resolve);
  });
  log.log(`[tollgate] listening on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${server.address().port}`);

  let shuttingDown = false;
  async function shutdown(signal, exitCode = 0) {
    if (shuttingDown) return;
    shuttingDown = true;
    log.log(`[tollgate] ${signal}: draining ${inFlight()} in-flight request(s)…`);
    await drain(DRAIN_TIMEOUT_MS);
    if (consoleWorker) {
      await consoleWorker.stop();
      consoleWorker.forward.close();
    }
    // The app registers these on globalThis (lib/usage/usage-recorder.ts, write-usage-batch.ts, lib/store, lib/db).
    const buffer = globalThis.tollgateUsageBuffer;
    if (buffer) {
      await buffer.shutdown();
      log.log(`[tollgate] usage buffer drained (${buffer.pending} left unwritten)`);
    }
    const usageWriter = globalThis.tollgateUsageWriter?.writer.close();
    await Promise.allSettled([usageWriter, globalThis.tollgateStore?.close(), globalThis.tollgateDb?.$disconnect()]);
    process.exit(buffer && buffer.pending > 0 ? 1 : exitCode);
  }
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
  // A console that died takes the process down (cleanly) so a supervisor restarts the whole app.
  consoleWorker?.worker.once("exit", (code) => {
    if (shuttingDown) return;
    log.error(`[tollgate] the console's worker exited (code ${code}); shutting down`);
    void shutdown("console worker exit", 1);
  });
  consoleWorker?.worker.on("error", (error) => log.error("[tollgate] the console's worker failed", error));
  return server;
}
