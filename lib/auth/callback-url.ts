// Where to send someone after sign-in. Only a path on this site is ever returned, so a crafted
// link (`/login?callbackUrl=https://evil.example`) cannot turn the sign-in page into an open
// redirect. Absolute URLs (next-auth builds those) are reduced to their path.
export const DEFAULT_AFTER_LOGIN = "/dashboard";

function pathOf(value: string): string | null {
  if (/^https?:\/\//i.test(value)) {
    try {
      const url = new URL(value);
      return `${url.pathname}${url.search}${url.hash}`;
    } catch {
      return null;
    }
  }
  // "//host" and "/\host" are protocol-relative in browsers; anything else not starting with "/"
  // is a scheme ("javascript:") or relative path we do not want.
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return null;
  return value;
}

export function safeCallbackUrl(raw: string | string[] | null | undefined): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  const path = value ? pathOf(value.trim()) : null;
  if (!path || path.startsWith("//") || path === "/login" || path.startsWith("/login?") || path.startsWith("/api/auth")) {
    return DEFAULT_AFTER_LOGIN;
  }
  return path;
}
