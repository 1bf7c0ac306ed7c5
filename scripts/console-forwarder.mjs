// Forwards a request from the public server to the console's worker (scripts/next-worker.mjs) on
// loopback, streaming both bodies (server-sent events, React Server Components). The worker sees the
// client's address and host in the x-forwarded-* headers Next.js itself would have set.
import http from "node:http";

// Per-connection headers: they describe the hop, not the message (RFC 9110 §7.6.1). The request keeps
// its framing (transfer-encoding) because its body is piped on as it came; the response's framing is
// chosen again by node:http for the client.
const CONNECTION_HEADERS = ["connection", "keep-alive", "proxy-connection"];
const REQUEST_HOP_BY_HOP = new Set(CONNECTION_HEADERS);
const RESPONSE_HOP_BY_HOP = new Set([...CONNECTION_HEADERS, "transfer-encoding", "upgrade", "te", "trailer"]);

function forwardedRequestHeaders(req) {
  const headers = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (!REQUEST_HOP_BY_HOP.has(name)) headers[name] = value;
  }
  headers["x-forwarded-for"] ??= req.socket.remoteAddress;
  headers["x-forwarded-host"] ??= req.headers.host;
  headers["x-forwarded-proto"] ??= req.socket.encrypted ? "https" : "http";
  headers["x-forwarded-port"] ??= String(req.socket.localPort);
  return headers;
}

function responseHeaders(rawHeaders) {
  const kept = [];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (!RESPONSE_HOP_BY_HOP.has(rawHeaders[i].toLowerCase())) kept.push(rawHeaders[i], rawHeaders[i + 1]);
  }
  return kept;
}

/** A handler (req, res) => Promise that resolves when the exchange is over, whichever side ended it. */
export function consoleForwarder(consolePort) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const forward = (req, res) =>
    new Promise((resolve) => {
      const inner = http.request(
        { host: "127.0.0.1", port: consolePort, method: req.method, path: req.url, headers: forwardedRequestHeaders(req), agent },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.statusMessage, responseHeaders(answer.rawHeaders));
          answer.pipe(res);
          answer.once("error", () => res.destroy());
        },
      );
      inner.once("error", (error) => {
        if (res.headersSent) return void res.destroy();
        // Only the console is unreachable; the proxy keeps serving.
        console.error("[tollgate] the console's worker did not answer", error.message);
        res.writeHead(502, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: "The console is not available.", type: "api_error" } }));
      });
      // A client that leaves aborts the inner request too (the playground's upstream call with it).
      res.once("close", () => {
        if (!res.writableFinished) inner.destroy();
        resolve();
      });
      req.pipe(inner);
    });
  forward.close = () => agent.destroy();
  return forward;
}
