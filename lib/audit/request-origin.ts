// Where a request came from, as recorded in the audit log. Tollgate is expected behind a reverse
// proxy, so the client is the first hop of X-Forwarded-For (the proxy appends the rest).
type HeaderSource = { get(name: string): string | null } | Record<string, string | string[] | undefined> | undefined;

function header(headers: HeaderSource, name: string): string | null {
  if (!headers) return null;
  if (typeof (headers as { get?: unknown }).get === "function") {
    return (headers as { get(name: string): string | null }).get(name);
  }
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}

/** Accepts a Fetch `Headers` or the plain header object next-auth hands to `authorize`. */
export function requestOrigin(headers: HeaderSource): RequestOrigin {
  const forwarded = header(headers, "x-forwarded-for")?.split(",")[0]?.trim();
  const ip = forwarded || header(headers, "x-real-ip")?.trim() || null;
  return { ip, userAgent: header(headers, "user-agent")?.trim() || null };
}
