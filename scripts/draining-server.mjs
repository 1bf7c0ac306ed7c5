// The node:http server both threads use (scripts/server.mjs publicly, scripts/next-worker.mjs on
// loopback): it counts requests in flight so a shutdown can wait for them, and turns a handler that
// fails outside the app into a 500 in the API's error shape instead of a hung socket.
import http from "node:http";

/** `handle(req, res)` returns a promise; `drain(ms)` stops accepting and waits for what is in flight. */
export function createDrainingServer(handle, log = console) {
  let inFlight = 0;
  const server = http.createServer((req, res) => {
    inFlight++;
    res.once("close", () => inFlight--);
    handle(req, res).catch((error) => {
      log.error("[tollgate] request failed outside the app", error);
      if (res.headersSent) return void res.destroy();
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: "Internal error", type: "api_error" } }));
    });
  });
  // Longer than common load balancers' idle timeouts (and than the forwarding agent's), so the
  // client side closes idle connections first (no reset races).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  async function drain(timeoutMs) {
    server.close();
    server.closeIdleConnections();
    const deadline = Date.now() + timeoutMs;
    while (inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    server.closeAllConnections();
  }
  return { server, drain, inFlight: () => inFlight };
}
