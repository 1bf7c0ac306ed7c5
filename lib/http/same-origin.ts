// Cross-site request forgery defence for requests authenticated by the console's session cookie.
// A browser attaches the cookie to requests other sites make (a form post, a `text/plain` fetch
// that needs no preflight), so every state-changing request that relies on the cookie must prove it
// came from the console itself:
//   - `Origin` names this site: NEXTAUTH_URL's origin, or the host the request was addressed to
//     (as the console's boundary trusts it, lib/http/client-address.ts);
//   - without `Origin`, `Sec-Fetch-Site` is `same-origin` or `none` (typed into the address bar);
//   - a body is JSON with `Content-Type: application/json`, which no other site can send without
//     a CORS preflight that Tollgate never grants.
// Anything else is a 403. Calls with the ADMIN_API_KEY bearer carry no cookie authority and are not
// checked (withAdminRoute decides that); next-auth's own endpoints also keep their CSRF token.
import { env } from "../env";
import { requestHostFrom } from "./client-address";
import { ForbiddenError } from "./errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

function configuredOrigin(): string | null {
  const url = env().NEXTAUTH_URL;
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

function originMatches(origin: string, request: Request): boolean {
  if (origin === configuredOrigin()) return true;
  let host: string;
  try {
    host = new URL(origin).host.toLowerCase();
  } catch {
    return false; // "null" (sandboxed frames, some redirects) and anything malformed
  }
  // The host only, not the scheme: behind a TLS-terminating proxy that is not trusted, the console
  // sees http while the browser says https. Another site can never make a browser send our host here.
  return host === (requestHostFrom(request.headers) ?? new URL(request.url).host.toLowerCase());
}

/** Throws a 403 unless the request demonstrably comes from the console's own pages. */
export function assertSameOriginRequest(request: Request): void {
  const headers = request.headers;
  const origin = headers.get("origin");
  if (origin !== null) {
    if (originMatches(origin, request)) return;
    throw new ForbiddenError(
      `Refused a request from another site (Origin: ${origin.slice(0, 100)}). Use the console, or call the API with the admin API key.`,
      "cross_site_request",
    );
  }
  const site = headers.get("sec-fetch-site");
  if (site === "same-origin" || site === "none") return;
  throw new ForbiddenError(
    "Refused a signed-in request that does not say where it came from (no Origin or Sec-Fetch-Site header). Use the console, or call the API with the admin API key.",
    "cross_site_request",
  );
}

function hasBody(headers: Headers): boolean {
  const length = headers.get("content-length");
  return (length !== null && length.trim() !== "0") || headers.has("transfer-encoding");
}

/** A body, when there is one, must be declared as JSON (`application/json` or `application/…+json`). */
export function assertJsonContentType(request: Request): void {
  const type = request.headers.get("content-type");
  const mediaType = type?.split(";")[0].trim().toLowerCase();
  if (mediaType === undefined ? !hasBody(request.headers) : /^application\/([\w.+-]+\+)?json$/.test(mediaType)) return;
  throw new ForbiddenError(
    `Send the request body as JSON with Content-Type: application/json${type ? ` (got ${type.slice(0, 100)})` : ""}.`,
    "json_required",
  );
}

/** Both checks, for a state-changing request that the session cookie authenticates. */
export function assertConsoleMutation(request: Request): void {
  if (!isStateChanging(request.method)) return;
  assertSameOriginRequest(request);
  assertJsonContentType(request);
}
