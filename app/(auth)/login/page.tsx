import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { getSessionUser } from "@/lib/auth/session";
import { LoginCard } from "./login-card";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<{ callbackUrl?: string | string[]; error?: string | string[] }>;

// GET /login – the console sign-in page; a signed-in user goes straight on to where they were headed.
export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if (await getSessionUser()) redirect(callbackUrl);
  // next-auth sends failed non-JS sign-ins back here with ?error=…
  const initialError = typeof params.error === "string" ? params.error : null;
  return <LoginCard callbackUrl={callbackUrl} initialError={initialError} />;
}
