// Where a request came from, as recorded in the audit log: the client address exactly as the
// sign-in rate limiter sees it (the one the console's boundary trusts under TRUST_PROXY_HOPS,
// lib/http/client-address.ts) and the user agent.
import { clientAddressFrom } from "../http/client-address";

type HeaderSource = Record<string, string | string[] | undefined> | Headers;

export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}

/** Accepts a Fetch `Headers` or the plain header object next-auth hands to `authorize`. */
export function userAgentFrom(headers: HeaderSource): string | null {
  const value = headers instanceof Headers ? headers.get("user-agent") : headers["user-agent"];
  const first = Array.isArray(value) ? value[0] : value;
  return first?.trim() || null;
}

export function requestOrigin(headers: HeaderSource): RequestOrigin {
  return { ip: clientAddressFrom(headers), userAgent: userAgentFrom(headers) };
}
