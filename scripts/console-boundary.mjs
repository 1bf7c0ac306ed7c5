// The console's trust boundary, applied in the main thread before Next.js sees a request: by the
// forwarder in production (scripts/console-forwarder.mjs) and around the inline Next.js of
// `npm run dev` (guardInlineConsole). It decides three things once, for everything behind it:
//   - who the client is, and which host and scheme it used: with TRUST_PROXY_HOPS=N the client is the
//     Nth address from the right of X-Forwarded-For (N=0: the socket's peer), and host and scheme come
//     from the same hop; the client's own X-Forwarded-* are replaced, never passed on;
//   - how large a body may be (CONSOLE_MAX_BODY_BYTES; routes with their own limit keep theirs);
//   - Strict-Transport-Security when the public URL (NEXTAUTH_URL) is https.
// lib/ reads the result (lib/http/client-address.ts). The settings are the ones lib/env.ts
// validates at start (scripts/start.mjs refuses to start on a bad value); the defaults are the same
// (test/integration/console-boundary.test.ts compares them).

const MiB = 1024 * 1024;
export const HSTS_VALUE = "max-age=31536000";

/** The boundary's settings from the environment (already validated by lib/env.ts at start). */
export function boundarySettings(source = process.env) {
  const number = (name, fallback) => (source[name] === undefined || source[name] === "" ? fallback : Number(source[name]));
  return {
    trustProxyHops: number("TRUST_PROXY_HOPS", 0),
    consoleMaxBodyBytes: number("CONSOLE_MAX_BODY_BYTES", MiB),
    gatewayMaxBodyBytes: number("GATEWAY_MAX_BODY_BYTES", 4 * MiB),
    warmupMaxBodyBytes: number("CACHE_WARMUP_MAX_BYTES", 10 * MiB),
    batchFileMaxBodyBytes: number("BATCH_FILE_MAX_BYTES", 50 * MiB),
    conversationImportMaxBytes: number("CONVERSATIONS_IMPORT_MAX_BYTES", 10 * MiB),
    strictTransportSecurity: /^https:\/\//i.test(source.NEXTAUTH_URL ?? ""),
  };
}

/**
 * The body limit of a path. The proxy's routes and the playground (the same pipeline) take
 * GATEWAY_MAX_BODY_BYTES, a cache warm-up upload CACHE_WARMUP_MAX_BYTES, a batch file upload
 * BATCH_FILE_MAX_BYTES, a conversation import CONVERSATIONS_IMPORT_MAX_BYTES; each route also enforces
 * its own where it reads the body. Everything else is the console's.
 */
export function bodyLimitFor(url, settings) {
  const path = (url ?? "/").split("?")[0];
  // A batch input file: its multipart framing on top of the file's own limit (lib/files/read-upload.ts).
  if (/^\/(api\/)?v1\/files\/?$/.test(path)) return settings.batchFileMaxBodyBytes + 64 * 1024;
  if (path === "/api/conversations/import") return settings.conversationImportMaxBytes;
  if (/^\/(api\/)?v1\//.test(path) || path.startsWith("/api/playground/")) return settings.gatewayMaxBodyBytes;
  if (path === "/api/admin/cache/warmups" || path === "/api/admin/cache/warmups/estimate") return settings.warmupMaxBodyBytes;
  return settings.consoleMaxBodyBytes;
}

/** An IPv4 peer of a dual-stack socket ("::ffff:203.0.113.7") written as plain IPv4. */
function plainAddress(address) {
  return address?.startsWith("::ffff:") && address.includes(".") ? address.slice(7) : (address ?? "");
}

/** Every comma-separated entry of a header, in order, across repeated headers. */
function entries(value) {
  const text = Array.isArray(value) ? value.join(",") : (value ?? "");
  return text.split(",").map((entry) => entry.trim()).filter(Boolean);
}

/** The entry written by the outermost trusted proxy: Nth from the right, the leftmost when fewer. */
function trustedEntry(value, hops) {
  const list = entries(value);
  return list.length === 0 ? undefined : list[Math.max(0, list.length - hops)];
}

/** { for, host, proto, port } of a request as far as TRUST_PROXY_HOPS lets us believe it. */
export function trustedForwarding(req, hops) {
  const socketProto = req.socket.encrypted ? "https" : "http";
  const peer = plainAddress(req.socket.remoteAddress);
  if (hops <= 0) return { for: peer, host: req.headers.host ?? "", proto: socketProto, port: String(req.socket.localPort ?? "") };
  const claimed = trustedEntry(req.headers["x-forwarded-proto"], hops)?.toLowerCase();
  const proto = claimed === "https" || claimed === "http" ? claimed : socketProto;
  const host = trustedEntry(req.headers["x-forwarded-host"], hops) ?? req.headers.host ?? "";
  const hostPort = /:(\d+)$/.exec(host)?.[1];
  return {
    for: plainAddress(trustedEntry(req.headers["x-forwarded-for"], hops)) || peer,
    host,
    proto,
    port: trustedEntry(req.headers["x-forwarded-port"], hops) ?? hostPort ?? (proto === "https" ? "443" : "80"),
  };
}

// Forwarding headers a client could use to claim another address or host; none passes the boundary
// except as rewritten here.
const CLIENT_FORWARDING_HEADERS = ["forwarded", "x-real-ip", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port"];

/** Replaces the request's forwarding headers (a plain header object) with the trusted ones. */
export function applyTrustedForwarding(headers, req, hops) {
  const trusted = trustedForwarding(req, hops);
  for (const name of CLIENT_FORWARDING_HEADERS) delete headers[name];
  headers["x-forwarded-for"] = trusted.for;
  headers["x-forwarded-host"] = trusted.host;
  headers["x-forwarded-proto"] = trusted.proto;
  headers["x-forwarded-port"] = trusted.port;
  return headers;
}

/** True when Content-Length alone shows the body is over the limit. */
export function declaredTooLarge(req, limit) {
  const declared = Number(req.headers["content-length"] ?? "NaN");
  return Number.isFinite(declared) && declared > limit;
}

/** Paths whose errors are in OpenAI's shape: the proxy and the playground (the same pipeline). */
function speaksOpenAi(url) {
  return /^\/(api\/)?v1\/|^\/api\/playground\//.test(url ?? "");
}

// After a 413 the rest of the body is still read (and dropped), up to this many times the limit, so
// the client gets to read the answer: closing while it is still sending makes most clients report a
// broken connection (EPIPE, ECONNRESET) instead of the 413. Past that the connection is cut.
const LINGER_FACTOR = 4;

/**
 * Answers 413 in the API's error shape (the admin API's { error: { message, code } }, OpenAI's
 * { error: { message, type, code, param } } on the proxy and playground). A body declared larger than
 * LINGER_FACTOR x the limit gets `connection: close` at once; a smaller one is drained and the
 * connection stays usable.
 */
export function refuseTooLarge(req, res, limit, settings) {
  if (res.headersSent) return void res.destroy();
  const message = `Request body exceeds the limit of ${limit} bytes.`;
  const error = speaksOpenAi(req.url) ? { message, type: "invalid_request_error", code: "body_too_large", param: null } : { message, code: "body_too_large" };
  const body = JSON.stringify({ error });
  const lingerBytes = LINGER_FACTOR * limit;
  const linger = !declaredTooLarge(req, lingerBytes);
  res.writeHead(413, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
    ...(linger ? {} : { connection: "close" }),
    ...(settings.strictTransportSecurity ? { "strict-transport-security": HSTS_VALUE } : {}),
  });
  res.end(body);
  if (!linger) return;
  let dropped = 0;
  req.on("data", (chunk) => {
    dropped += chunk.length;
    if (dropped > lingerBytes) req.socket.destroy();
  });
  req.resume();
}

/**
 * `npm run dev`: the same boundary in front of Next.js running in this thread. Next reads the
 * rewritten headers; a declared oversized body is refused here, and a chunked one where the route
 * reads it (lib/http/read-limited-body.ts, the proxy's and playground's own reader).
 */
export function guardInlineConsole(handle, settings = boundarySettings()) {
  return async (req, res) => {
    applyTrustedForwarding(req.headers, req, settings.trustProxyHops);
    const limit = bodyLimitFor(req.url, settings);
    if (declaredTooLarge(req, limit)) return refuseTooLarge(req, res, limit, settings);
    if (settings.strictTransportSecurity) res.setHeader("strict-transport-security", HSTS_VALUE);
    return handle(req, res);
  };
}
