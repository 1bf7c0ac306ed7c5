// The HTTP server around Next.js. It exists for two reasons:
// - speed: the proxy routes (/v1/*, /api/v1/*) are served straight from node:http by
//   `gateway` (lib/boot/proxy-fast-path.ts) when it is given, skipping the Next.js
//   request pipeline; everything else goes to Next. In production Next runs in a worker thread
//   (scripts/next-worker.mjs, `next: "worker"`), so its heap and hooks stay off the proxy's thread;
//   in development it runs here (`next: "inline"`) for hot reload;
// - a graceful shutdown that loses nothing: on SIGTERM/SIGINT it stops taking requests at once
//   (scripts/draining-server.mjs), lets in-flight requests (streams included) finish, stops the
//   console's worker (which hands over its last usage records), drains the usage buffer to the
//   database (`drainAndClose`, lib/boot/drain-and-close.ts), and only then exits.
import { MessageChannel, Worker } from "node:worker_threads";
import { guardInlineConsole } from "./console-boundary.mjs";
import { consoleForwarder } from "./console-forwarder.mjs";
import { createDrainingServer } from "./draining-server.mjs";

async function prepareNext(options) {
  const { default: next } = await import("next");
  const app = next(options);
  await app.prepare();
  return app.getRequestHandler();
}

/** Starts Next.js in a worker thread; resolves once it listens on loopback. */
async function startConsoleWorker({ dir, port, hostname, serveConsoleBridge, requestTimeoutMs, drainTimeoutMs }) {
  const { port1, port2 } = new MessageChannel();
  serveConsoleBridge(port1);
  const worker = new Worker(new URL("./next-worker.mjs", import.meta.url), {
    workerData: { dir, port, hostname, hostPort: port2, drainTimeoutMs, requestTimeoutMs },
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
    await Promise.race([stopped, new Promise((r) => setTimeout(r, drainTimeoutMs + 5_000))]);
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
 * (development) or "none" (the proxy alone, anything else a 404: the shutdown tests use it).
 * `drainAndClose` (from the server bundle) puts away the usage buffer and writer, the shared store
 * and the database client once nothing is in flight. `requestTimeoutMs`: HTTP_REQUEST_TIMEOUT_MS;
 * `drainTimeoutMs`: TOLLGATE_DRAIN_TIMEOUT_MS (both from the parsed environment, lib/env.ts).
 */
export async function startServer({
  dir,
  port,
  hostname = "0.0.0.0",
  dev = false,
  gateway = null,
  next = "worker",
  serveConsoleBridge,
  drainAndClose,
  requestTimeoutMs = 30_000,
  drainTimeoutMs = 30_000,
  log = console,
}) {
  if (typeof drainAndClose !== "function") throw new Error("startServer needs drainAndClose (lib/boot/drain-and-close.ts, from the server bundle)");
  const consoleWorker = next === "worker" ? await startConsoleWorker({ dir, port, hostname, serveConsoleBridge, requestTimeoutMs, drainTimeoutMs }) : null;
  const handle = consoleWorker?.forward ?? (next === "inline" ? guardInlineConsole(await prepareNext({ dev, dir, port, hostname })) : notFound);

  const { server, drain, inFlight } = createDrainingServer((req, res) => gateway?.(req, res) ?? handle(req, res), { requestTimeoutMs, log });

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, resolve);
  });
  log.log(`[tollgate] listening on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${server.address().port}`);

  let shuttingDown = false;
  async function shutdown(signal, exitCode = 0) {
    if (shuttingDown) return;
    shuttingDown = true;
    const draining = drain(drainTimeoutMs); // from here on no request starts
    log.log(`[tollgate] ${signal}: draining ${inFlight()} in-flight request(s)…`);
    await draining;
    if (consoleWorker) {
      await consoleWorker.stop();
      consoleWorker.forward.close();
    }
    const { unwritten } = await drainAndClose();
    log.log(`[tollgate] usage buffer drained (${unwritten} left unwritten)`);
    process.exit(unwritten > 0 ? 1 : exitCode);
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
