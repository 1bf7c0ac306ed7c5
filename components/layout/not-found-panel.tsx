"use client";
// The console's 404: what was asked for, and the way back. Shown inside the console shell for
// signed-in users (app/not-found.tsx, app/(console)/not-found.tsx) and on its own otherwise.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

const LINK = "inline-flex h-9 items-center justify-center rounded-md px-3.5 text-sm font-medium whitespace-nowrap shadow-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600";

export function NotFoundPanel({ signedIn }: { signedIn: boolean }) {
  const pathname = usePathname();
  return (
    <section aria-labelledby="not-found-title" className="mx-auto max-w-lg py-12 text-center sm:py-20" data-testid="not-found">
      <p className="text-sm font-semibold text-indigo-600">404</p>
      <h1 id="not-found-title" className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">
        Page not found
      </h1>
      <p className="mt-3 text-sm text-slate-500">
        Nothing in the console lives at{" "}
        <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs break-all text-slate-700">{pathname}</code>. The link may be
        mistyped, or what it pointed to was deleted.
      </p>
      <div className="mt-8 flex flex-wrap items-center justify-center gap-3">
        {signedIn ? (
          <Link href="/dashboard" className={cn(LINK, "bg-indigo-600 text-white hover:bg-indigo-500")} data-testid="not-found-home">
            Back to the dashboard
          </Link>
        ) : (
          <Link href="/login" className={cn(LINK, "bg-indigo-600 text-white hover:bg-indigo-500")} data-testid="not-found-home">
            Sign in
          </Link>
        )}
      </div>
    </section>
  );
}
