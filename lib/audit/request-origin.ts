// Where a request came from, as recorded in the audit log: the client address exactly as the
// sign-in rate limiter sees it (first X-Forwarded-For hop, then X-Real-IP) and the user agent.
import { clientIpFrom } from "../auth/login-rate-limit";

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
  return { ip: clientIpFrom(headers), userAgent: userAgentFrom(headers) };
}
