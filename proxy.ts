// Next.js Proxy (the file convention that replaced middleware in Next 16), for the console's pages
// only: a fresh Content-Security-Policy nonce per page response. The policy goes on the request too,
// which is where Next.js reads the nonce to put on its own scripts while rendering
// (lib/http/content-security-policy.ts says what the policy allows and why). API routes, static
// files and prefetches are left out: they run no scripts, and a matched request's body would be
// buffered for the proxy. Everything else the browser is told (frame, sniffing, referrer) is in
// next.config.js, and Strict-Transport-Security in the console's boundary (scripts/console-boundary.mjs).
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, newNonce } from "@/lib/http/content-security-policy";

export function proxy(request: NextRequest): NextResponse {
  const policy = contentSecurityPolicy({
    nonce: newNonce(),
    development: process.env.NODE_ENV === "development",
    https: process.env.NEXTAUTH_URL?.startsWith("https://") ?? false,
  });
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico|icon.svg).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
