// The three non-data states every list and chart has: loading, empty, failed.
import Link from "next/link";
import type { ReactNode } from "react";
import { ApiError, errorMessage } from "@/lib/query/api-error";
import { Button } from "./button";
import { cn } from "./cn";

export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden className={cn("animate-pulse rounded bg-slate-200/70", className)} />;
}

export function LoadingBlock({ label = "Loading…", className }: { label?: string; className?: string }) {
  return (
    <div role="status" aria-live="polite" className={cn("space-y-2 p-4", className)} data-testid="loading">
      <span className="sr-only">{label}</span>
      <Skeleton className="h-4 w-1/3" />
      <Skeleton className="h-4 w-full" />
      <Skeleton className="h-4 w-5/6" />
    </div>
  );
}

export function EmptyState({ title, description, action, testId = "empty-state" }: { title: string; description?: ReactNode; action?: ReactNode; testId?: string }) {
  return (
    <div className="flex flex-col items-center justify-center gap-2 px-6 py-12 text-center" data-testid={testId}>
      <p className="text-sm font-semibold text-slate-900">{title}</p>
      {description && <p className="max-w-md text-sm text-slate-500">{description}</p>}
      {action && <div className="mt-2">{action}</div>}
    </div>
  );
}

export function ErrorState({ error, onRetry, title = "Could not load this" }: { error: unknown; onRetry?: () => void; title?: string }) {
  const signedOut = error instanceof ApiError && error.status === 401;
  return (
    <div role="alert" className="flex flex-col items-center justify-center gap-2 px-6 py-12 text-center" data-testid="error-state">
      <p className="text-sm font-semibold text-red-700">{title}</p>
      <p className="max-w-md text-sm text-slate-600">{errorMessage(error)}</p>
      <div className="mt-2">
        {signedOut ? (
          <Link href="/login" className="text-sm font-medium text-indigo-600 hover:text-indigo-500">
            Sign in
          </Link>
        ) : (
          onRetry && (
            <Button size="sm" onClick={onRetry}>
              Try again
            </Button>
          )
        )}
      </div>
    </div>
  );
}
