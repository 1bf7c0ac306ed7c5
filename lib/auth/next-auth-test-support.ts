// Drives next-auth's own handler (the pages-API form, which needs nothing but plain objects) with
// Tollgate's options, the way the sign-in page does: csrf, then the credentials callback. Imported
// only by *.test.ts.
import NextAuth from "next-auth";
import { authOptions } from "./auth-options";

/** A minimal pages-API response: next-auth's (req, res) form needs nothing more. */
function fakeResponse() {
  const headers = new Map<string, string | string[]>();
  let body: unknown;
  const res = {
    statusCode: 200,
    status(code: number) {
      res.statusCode = code;
      return res;
    },
    getHeader: (name: string) => headers.get(name.toLowerCase()),
    setHeader: (name: string, value: string | string[]) => void headers.set(name.toLowerCase(), value),
    json: (value: unknown) => void (body = value),
    send: (value: unknown) => void (body = value),
    end: () => undefined,
  };
  const setCookies = () => {
    const raw = headers.get("set-cookie") ?? [];
    return Array.isArray(raw) ? raw : [raw];
  };
  const cookies = () => Object.fromEntries(setCookies().map((c) => c.split(";")[0].split("=")).map(([n, ...v]) => [n, decodeURIComponent(v.join("="))]));
  return { res, body: () => body as Record<string, string>, cookies, setCookies };
}

export async function callNextAuth(action: string[], method: string, ip: string, cookies: Record<string, string>, body?: Record<string, string>) {
  const req = { method, query: { nextauth: action }, headers: { host: "localhost:3000", "x-forwarded-for": ip }, cookies, body };
  const out = fakeResponse();
  await NextAuth(req as never, out.res as never, authOptions());
  return out;
}

/** A whole sign-in; `url` is where next-auth sends the browser, `setCookies` what it sets. */
export async function signInThroughNextAuth(email: string, password: string, ip: string) {
  const csrf = await callNextAuth(["csrf"], "GET", ip, {});
  const result = await callNextAuth(["callback", "credentials"], "POST", ip, csrf.cookies(), {
    csrfToken: csrf.body().csrfToken,
    email,
    password,
    json: "true",
  });
  const url = result.body().url;
  const cookies = result.cookies();
  const session = cookies["next-auth.session-token"] ?? cookies["__Secure-next-auth.session-token"];
  return { url, error: new URL(url).searchParams.get("error"), session, setCookies: result.setCookies() };
}
