import { LoginForm } from "./login-form";

/** The sign-in screen itself: a centered card around the form. */
export function LoginCard({ callbackUrl, initialError }: { callbackUrl: string; initialError: string | null }) {
  return (
    <main className="flex min-h-full items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center text-center">
          <div className="flex size-11 items-center justify-center rounded-xl bg-indigo-600 text-lg font-bold text-white shadow-sm">
            T
          </div>
          <h1 className="mt-4 text-xl font-semibold tracking-tight text-slate-900">Sign in to Tollgate</h1>
          <p className="mt-1 text-sm text-slate-500">Your self-hosted LLM gateway</p>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <LoginForm callbackUrl={callbackUrl} initialError={initialError} />
        </div>
        <p className="mt-6 text-center text-xs text-slate-400">No account? Ask a Tollgate administrator to create one for you.</p>
      </div>
    </main>
  );
}
