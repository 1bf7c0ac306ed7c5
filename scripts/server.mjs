// The HTTP server around Next.js. It exists for two reasons:
// - speed: the proxy routes (/v1/*, /api/v1/*) are served straight from node:http by
//   `gateway` (lib/gateway/transport/node-gateway.ts) when it is given, skipping the Next.js
//   request pipeline; everything else goes to Next;
// - a graceful shutdown that loses nothing: on SIGTERM/SIGINT it stops accepting connections, lets
//   in-flight requests (streams included) finish, drains the usage buffer to the database, and only
//   then exits.
import http from "node:http";
import next from "next";

const DRAIN_TIMEOUT_MS = Number(process.env.TOLLGATE_DRAIN_TIMEOUT_MS ?? 30_000);

async function prepareNext(options) {
  const app = next(options);
  await app.prepare();
  return app.getRequestHandler();
}

async function notFound(req, res) {
  res.writeHead(404, { "content-type": "application/json" });
  res.end(JSON.stringify({ error: { message: "Not found", type: "invalid_request_error" } }));
}

/** `withNext: false` serves the proxy alone (anything else is a 404): the shutdown test uses it. */
export async function startServer({ dir, port, hostname = "0.0.0.0", dev = false, gateway = null, withNext = true, log = console }) {
  const handle = withNext ? await prepareNext({ dev, dir, port, hostname }) : notFound;

  let inFlight = 0;
  const server = http.createServer((req, res) => {
    inFlight++;
    res.once("close", () => inFlight--);
    const served = gateway?.(req, res) ?? handle(req, res);
    served.catch((error) => {
      log.error("[tollgate] request failed outside the app", error);
      if (res.headersSent) return void res.destroy();
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: "Internal error", type: "api_error" } }));
    });
  });
  // Longer than common load balancers' idle timeouts, so they close first (no reset races).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, resolve);
  });
  log.log(`[tollgate] listening on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${server.address().port}`);

  let shuttingDown = false;
  async function shutdown(signal) {
    if (shuttingDown) return;
    shuttingDown = true;
    log.log(`[tollgate] ${signal}: draining ${inFlight} in-flight request(s)…`);
    server.close();
    server.closeIdleConnections();
    const deadline = Date.now() + DRAIN_TIMEOUT_MS;
    while (inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    server.closeAllConnections();
    // The app registers these on globalThis (lib/usage/usage-recorder.ts, write-usage-batch.ts, lib/store, lib/db).
    const buffer = globalThis.tollgateUsageBuffer;
    if (buffer) {
      await buffer.shutdown();
      log.log(`[tollgate] usage buffer drained (${buffer.pending} left unwritten)`);
    }
    const usageWriter = globalThis.tollgateUsageWriter?.writer.close();
    await Promise.allSettled([usageWriter, globalThis.tollgateStore?.close(), globalThis.tollgateDb?.$disconnect()]);
    process.exit(buffer && buffer.pending > 0 ? 1 : 0);
  }
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
  return server;
}
