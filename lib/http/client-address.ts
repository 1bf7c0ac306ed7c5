// Who a console request came from and which host it was addressed to, as the console's boundary
// decided them. In production every console request reaches Next.js through
// scripts/console-forwarder.mjs, and in development through the same boundary in front of the inline
// Next.js (scripts/console-boundary.mjs): with TRUST_PROXY_HOPS reverse proxies trusted, it replaces
// X-Forwarded-For/-Host/-Proto with the one client address, host and scheme it trusts. A client's
// own forwarded headers therefore never get here, and this module only reads what the boundary wrote.
// Used by the sign-in limiter, the audit log and the same-origin check.

type HeaderSource = Record<string, string | string[] | undefined> | Headers;

function header(headers: HeaderSource, name: string): string | undefined {
  const value = headers instanceof Headers ? headers.get(name) : headers[name];
  const text = Array.isArray(value) ? value.join(",") : value;
  return text?.trim() || undefined;
}

/** The last entry of a comma-separated header: the one our own side of the chain wrote. */
function lastEntry(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const entries = value.split(",");
  return entries[entries.length - 1]?.trim() || undefined;
}

/** The client's address (the boundary sets exactly one); null when nothing says. */
export function clientAddressFrom(headers: HeaderSource): string | null {
  return lastEntry(header(headers, "x-forwarded-for")) ?? null;
}

/** The host ("name[:port]") the client addressed, lower-cased: the trusted X-Forwarded-Host, else Host. */
export function requestHostFrom(headers: HeaderSource): string | null {
  const host = lastEntry(header(headers, "x-forwarded-host")) ?? header(headers, "host");
  return host ? host.toLowerCase() : null;
}
