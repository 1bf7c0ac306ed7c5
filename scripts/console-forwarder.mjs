// Forwards a request from the public server to the console's worker (scripts/next-worker.mjs) on
// loopback, streaming both bodies (server-sent events, React Server Components). It is the console's
// trust boundary (scripts/console-boundary.mjs): the worker sees only the client address, host and
// scheme TRUST_PROXY_HOPS lets us believe, and no body larger than the route's limit reaches it.
import http from "node:http";
import { Transform } from "node:stream";
import { applyTrustedForwarding, boundarySettings, bodyLimitFor, declaredTooLarge, HSTS_VALUE, refuseTooLarge } from "./console-boundary.mjs";

// Per-connection headers: they describe the hop, not the message (RFC 9110 §7.6.1). The request keeps
// its framing (transfer-encoding) because its body is piped on as it came; the response's framing is
// chosen again by node:http for the client.
const CONNECTION_HEADERS = ["connection", "keep-alive", "proxy-connection"];
const REQUEST_HOP_BY_HOP = new Set(CONNECTION_HEADERS);
const RESPONSE_HOP_BY_HOP = new Set([...CONNECTION_HEADERS, "transfer-encoding", "upgrade", "te", "trailer"]);

function forwardedRequestHeaders(req, settings) {
  const headers = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (!REQUEST_HOP_BY_HOP.has(name)) headers[name] = value;
  }
  return applyTrustedForwarding(headers, req, settings.trustProxyHops);
}

function responseHeaders(rawHeaders, settings) {
  const kept = [];
  let hasHsts = false;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i].toLowerCase();
    if (RESPONSE_HOP_BY_HOP.has(name)) continue;
    hasHsts ||= name === "strict-transport-security";
    kept.push(rawHeaders[i], rawHeaders[i + 1]);
  }
  if (settings.strictTransportSecurity && !hasHsts) kept.push("strict-transport-security", HSTS_VALUE);
  return kept;
}

/** Passes the body on while counting it; `onOverflow` runs once the count passes `limit`. */
function countingBody(limit, onOverflow) {
  let size = 0;
  return new Transform({
    transform(chunk, _encoding, done) {
      size += chunk.length;
      if (size > limit) return onOverflow();
      done(null, chunk);
    },
  });
}

/**
 * A handler (req, res) => Promise that resolves when the exchange is over, whichever side ended it.
 * `settings`: boundarySettings() (from the environment) unless a test passes its own.
 */
export function consoleForwarder(consolePort, settings = boundarySettings()) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const forward = (req, res) =>
    new Promise((resolve) => {
      const limit = bodyLimitFor(req.url, settings);
      if (declaredTooLarge(req, limit)) {
        refuseTooLarge(req, res, limit, settings);
        return void res.once("close", resolve);
      }
      let refused = false;
      let clientLeft = false;
      const inner = http.request(
        { host: "127.0.0.1", port: consolePort, method: req.method, path: req.url, headers: forwardedRequestHeaders(req, settings), agent },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.statusMessage, responseHeaders(answer.rawHeaders, settings));
          answer.pipe(res);
          answer.once("error", () => res.destroy());
        },
      );
      inner.once("error", (error) => {
        // Our own abort (a refused body, a client that left) is not the console failing to answer.
        if (refused || clientLeft) return;
        if (res.headersSent) return void res.destroy();
        // Only the console is unreachable; the proxy keeps serving.
        console.error("[tollgate] the console's worker did not answer", error.message);
        res.writeHead(502, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: "The console is not available.", type: "api_error" } }));
      });
      // A client that leaves aborts the inner request too (the playground's upstream call with it).
      res.once("close", () => {
        if (!res.writableFinished) {
          clientLeft = true;
          inner.destroy();
        }
        resolve();
      });
      // A chunked (or lying) body is counted as it streams: past the limit the console's request is
      // aborted before it has the whole body, and the client gets the 413.
      const counter = countingBody(limit, () => {
        refused = true;
        req.unpipe(counter);
        counter.destroy();
        inner.destroy();
        refuseTooLarge(req, res, limit, settings);
      });
      req.pipe(counter).pipe(inner);
    });
  forward.close = () => agent.destroy();
  return forward;
}
