// next-auth configuration: one Credentials provider (console email + password), JWT sessions.
// The JWT carries { id, email, name, role, orgId }; every session read re-checks the user in the
// database, so a disabled or deleted user is signed out on their next request.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { requestOrigin } from "../audit/request-origin";
import { env } from "../env";
import { logger } from "../logger";
import { authSecret } from "./auth-secret";
import type {} from "./next-auth-types";
import { authorizeCredentials } from "./credentials";
import { findActiveSessionUser } from "./session-user";

const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

let cached: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  cached ??= {
    secret: authSecret(),
    // An https public URL: cookies are `Secure` and `__Secure-`/`__Host-` prefixed. next-auth would
    // derive this from NEXTAUTH_URL too, but only when it reads the variable itself; stating it
    // makes every path (route handler, server components, getServerSession in the admin API) agree.
    useSecureCookies: env().NEXTAUTH_URL?.startsWith("https://") ?? false,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login", error: "/login" },
    // next-auth's own diagnostics go to the same JSON log as everything else.
    logger: {
      error: (code, metadata) => logger().error({ code, metadata }, "next-auth error"),
      warn: (code) => logger().warn({ code }, "next-auth warning"),
      debug: (code, metadata) => logger().debug({ code, metadata }, "next-auth debug"),
    },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
        },
        authorize: (credentials, req) =>
          authorizeCredentials({ email: credentials?.email, password: credentials?.password, ...requestOrigin(req.headers ?? {}) }),
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        const id = user?.id ?? token.sub;
        const current = id ? await findActiveSessionUser(id) : null;
        // Throwing makes next-auth drop the session cookie and report "no session".
        if (!current) throw new Error("Session user is no longer active");
        return { ...token, sub: current.id, name: current.name, email: current.email, role: current.role, orgId: current.orgId };
      },
      async session({ session, token }) {
        session.user = {
          id: token.sub ?? "",
          email: token.email ?? "",
          name: token.name ?? "",
          role: token.role ?? "viewer",
          orgId: token.orgId ?? "",
        };
        return session;
      },
    },
  };
  return cached;
}
