// GET|POST /api/auth/* – next-auth's own endpoints (csrf, providers, callback, session, signout).
import NextAuth from "next-auth";
import { authOptions } from "./auth-options";

type AuthHandler = (request: Request, context: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

// Built on first use so the secret is derived at request time, not when Next imports the module.
const handler: AuthHandler = (request, context) => (NextAuth(authOptions()) as unknown as AuthHandler)(request, context);

export { handler as GET, handler as POST };
