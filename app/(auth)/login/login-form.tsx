"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { errorOf, useZodForm } from "@/components/ui/use-zod-form";
import { signInFormSchema } from "@/lib/auth/schemas";
import { describeSignInError, type SignInProblem } from "@/lib/auth/sign-in-errors";

// The fields are checked with the schema the server parses the credentials with: an empty field or
// a malformed email is named next to its field, all at once, before any round trip.
export function LoginForm({ callbackUrl, initialError }: { callbackUrl: string; initialError: string | null }) {
  const [problem, setProblem] = useState<SignInProblem | null>(() => describeSignInError(initialError));
  const [pending, setPending] = useState(false);
  const form = useZodForm(signInFormSchema, { defaultValues: { email: "", password: "" } });

  const onSubmit = form.handleSubmit(async ({ email, password }) => {
    setPending(true);
    setProblem(null);
    try {
      const result = await signIn("credentials", { email, password, redirect: false, callbackUrl });
      if (!result?.ok || result.error) {
        setProblem(describeSignInError(result?.error ?? "Default"));
        setPending(false);
        return;
      }
      // A full navigation, so every server component renders with the new session cookie.
      window.location.assign(callbackUrl);
    } catch {
      setProblem(describeSignInError("Default"));
      setPending(false);
    }
  });

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="space-y-5" data-testid="login-form">
      {problem && <SignInAlert problem={problem} />}
      <Field id="email" label="Email" error={errorOf(form, "email")}>
        {(control) => <Input {...control} {...form.register("email")} type="email" autoComplete="username" autoFocus disabled={pending} data-testid="login-email" />}
      </Field>
      <Field id="password" label="Password" error={errorOf(form, "password")}>
        {(control) => <Input {...control} {...form.register("password")} type="password" autoComplete="current-password" disabled={pending} data-testid="login-password" />}
      </Field>
      <Button type="submit" variant="primary" className="w-full" pending={pending} data-testid="login-submit">
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}

function SignInAlert({ problem }: { problem: SignInProblem }) {
  // A lockout is not a typo: it gets its own colour and wording so people stop retrying.
  const throttled = problem.kind === "throttled";
  return (
    <div
      role="alert"
      data-testid={throttled ? "login-throttled" : "login-error"}
      className={
        throttled
          ? "rounded-md border border-amber-200 bg-amber-50 px-3 py-2.5 text-sm text-amber-900"
          : "rounded-md border border-red-200 bg-red-50 px-3 py-2.5 text-sm text-red-800"
      }
    >
      <p className="flex items-center gap-1.5 font-medium">
        {throttled && <ClockIcon />}
        {problem.title}
      </p>
      <p className={throttled ? "mt-0.5 text-amber-800" : "mt-0.5 text-red-700"}>{problem.message}</p>
    </div>
  );
}

function ClockIcon() {
  return (
    <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="size-4 shrink-0 text-amber-600">
      <path
        fillRule="evenodd"
        d="M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16Zm.75-13a.75.75 0 0 0-1.5 0v5c0 .2.08.39.22.53l3 3a.75.75 0 1 0 1.06-1.06l-2.78-2.78V5Z"
        clipRule="evenodd"
      />
    </svg>
  );
}
