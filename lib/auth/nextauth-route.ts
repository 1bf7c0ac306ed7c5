// GET|POST /api/auth/* – next-auth's own endpoints (csrf, providers, callback, session, signout).
// POSTs (sign-in, sign-out) keep next-auth's CSRF token check and must also come from this site
// (lib/http/same-origin.ts); their body is read with the console's size limit before next-auth
// parses it, because the sign-in callback takes bodies from anyone, signed in or not.
import { randomUUID } from "node:crypto";
import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { adminErrorResponse } from "../http/admin-errors";
import { readLimitedBody } from "../http/read-limited-body";
import { assertSameOriginRequest } from "../http/same-origin";
import { authOptions } from "./auth-options";

type AuthContext = { params: Promise<{ nextauth: string[] }> };
type AuthHandler = (request: Request, context: AuthContext) => Promise<Response>;

// Built on first use so the secret is derived at request time, not when Next imports the module.
const handler: AuthHandler = (request, context) => (NextAuth(authOptions()) as unknown as AuthHandler)(request, context);

async function post(request: Request, context: AuthContext): Promise<Response> {
  try {
    assertSameOriginRequest(request);
    const body = await readLimitedBody(request);
    // next-auth reads `nextUrl` and the body itself: hand it the same request with the checked bytes.
    const checked = new NextRequest(request.url, { method: "POST", headers: request.headers, body: new Uint8Array(body) });
    return await handler(checked, context);
  } catch (error) {
    return adminErrorResponse(error, request.headers.get("x-request-id")?.slice(0, 100) || randomUUID());
  }
}

export { handler as GET, post as POST };
