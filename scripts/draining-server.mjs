// The node:http server both threads use (scripts/server.mjs publicly, scripts/next-worker.mjs on
// loopback). Beyond node:http it
// - bounds slow clients: a request (headers and body) must arrive within `requestTimeoutMs`
//   (HTTP_REQUEST_TIMEOUT_MS, 30 s by default; Node's own default is 300 s), or it is answered 408
//   in the API's error shape, when no answer has started yet, and the connection is closed;
// - closes a connection whose request body was left half-read (a refused upload): the rest of that
//   body stands between the socket and the client's next request, which would hang;
// - drains for a shutdown: `drain(ms)` stops accepting connections, answers any request that still
//   arrives on an open keep-alive connection at once with 503 + `connection: close` + `retry-after`
//   (never started), marks the answers of requests in flight `connection: close`, closes each
//   connection as soon as it is idle, and resolves when nothing is in flight (or at the deadline);
// - turns a handler that fails outside the app into a 500 in the API's error shape, not a hung socket.
import http from "node:http";

/** Slow headers are cut sooner than a slow body: a legitimate client sends its headers at once. */
const HEADERS_TIMEOUT_MS = 20_000;
// Longer than common load balancers' idle timeouts (and than the forwarding agent's), so the
// client side closes idle connections first (no reset races).
const KEEP_ALIVE_TIMEOUT_MS = 65_000;
const PROXY_PATH = /^\/(api\/)?v1\//;

/**
 * The proxy's error shape (OpenAI's) on proxy routes, the admin API's elsewhere. When the path is not
 * known (headers that never finished) OpenAI's, whose `message` and `code` admin clients read as well.
 */
export function errorBody(url, { message, type, code }) {
  const openAi = url === undefined || PROXY_PATH.test(url);
  return JSON.stringify(openAi ? { error: { message, type, code, param: null } } : { error: { message, code } });
}

/** The response of the request a connection is on (set when its headers have arrived). */
const CURRENT_RESPONSE = Symbol("tollgate.currentResponse");

const TIMEOUT_ERROR = { message: "The request did not arrive in time (headers and body); send it again.", type: "invalid_request_error", code: "request_timeout" };
const SHUTTING_DOWN_ERROR = { message: "This server is shutting down; send the request again (another instance will take it).", type: "api_error", code: "server_shutting_down" };
const INTERNAL_ERROR = { message: "Internal error", type: "api_error", code: "internal_error" };

// Node's own answers to requests it could not parse (it sends them only when nobody listens to "clientError").
const PARSE_ERROR_STATUS = { HPE_HEADER_OVERFLOW: 431, HPE_CHUNK_EXTENSIONS_OVERFLOW: 413 };

function rawResponse(status, body) {
  const text = body ?? "";
  const type = body ? "content-type: application/json\r\n" : "";
  return `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\n${type}content-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`;
}

/**
 * `handle(req, res)` returns a promise. Options: `requestTimeoutMs` (0 = none), `log`.
 * Returns `{ server, drain(ms), inFlight() }`.
 */
export function createDrainingServer(handle, { requestTimeoutMs = 30_000, log = console } = {}) {
  const inFlight = new Set();
  let draining = false;
  let idle = null; // resolves drain() once nothing is in flight

  function refuseWhileDraining(req, res) {
    const body = errorBody(req.url, SHUTTING_DOWN_ERROR);
    res.writeHead(503, { "content-type": "application/json", "content-length": Buffer.byteLength(body), connection: "close", "retry-after": "1" });
    res.end(body);
  }

  function settled(req, res) {
    inFlight.delete(res);
    // Node detaches the socket from a request whose body read was cancelled: nothing left to close then.
    const socket = req.socket;
    // The rest of an abandoned body stalls this connection; during a drain every idle connection goes.
    if (socket && !socket.destroyed && (draining || (!req.complete && req.readableFlowing === false))) socket.destroySoon();
    if (draining && inFlight.size === 0) idle?.();
  }

  const server = http.createServer(
    {
      requestTimeout: requestTimeoutMs,
      headersTimeout: requestTimeoutMs > 0 ? Math.min(requestTimeoutMs, HEADERS_TIMEOUT_MS) : HEADERS_TIMEOUT_MS,
      // How often node:http looks for expired requests: the timeout is honoured to within this.
      connectionsCheckingInterval: Math.min(1_000, Math.max(50, Math.floor((requestTimeoutMs || 10_000) / 10))),
    },
    (req, res) => {
      req.socket[CURRENT_RESPONSE] = res;
      if (draining) return refuseWhileDraining(req, res);
      inFlight.add(res);
      res.once("close", () => settled(req, res));
      handle(req, res).catch((error) => {
        log.error("[tollgate] request failed outside the app", error);
        if (res.headersSent) return void res.destroy();
        res.writeHead(500, { "content-type": "application/json" });
        res.end(errorBody(req.url, INTERNAL_ERROR));
      });
    },
  );
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;

  server.on("clientError", (error, socket) => {
    if (!socket.writable || error.code === "ECONNRESET") return void socket.destroy();
    const res = socket[CURRENT_RESPONSE];
    // The request whose body is late gets a 408, unless it has been answered already (a refusal
    // that did not wait for the body). Otherwise the late one is the next request, still in its headers.
    const pending = res && !res.req.complete ? res : null;
    if (pending?.headersSent) return void socket.destroy(); // an answer is under way or out: nothing more to say
    const response =
      error.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? rawResponse(408, errorBody(pending?.req.url, TIMEOUT_ERROR))
        : rawResponse(PARSE_ERROR_STATUS[error.code] ?? 400);
    socket.end(response, () => socket.destroy());
  });

  /** Stops taking requests and waits (at most `timeoutMs`) for those in flight; then closes every connection. */
  async function drain(timeoutMs) {
    draining = true;
    server.close();
    // Answers not started yet tell keep-alive clients to take their next request elsewhere.
    for (const res of inFlight) if (!res.headersSent) res.setHeader("connection", "close");
    server.closeIdleConnections();
    if (inFlight.size > 0) {
      let timer;
      await new Promise((resolve) => {
        idle = resolve;
        timer = setTimeout(resolve, timeoutMs);
      });
      clearTimeout(timer);
    }
    server.closeAllConnections();
  }

  return { server, drain, inFlight: () => inFlight.size };
}
