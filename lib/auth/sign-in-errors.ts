// What the sign-in page says for each error next-auth reports. Client-safe (no server imports).
//   CredentialsSignin         wrong email or password (deliberately not saying which)
//   TooManyAttempts:<secs>    the account or this address is locked out for a while
//   AccountDisabled           right password, but an admin disabled the account
//   SignInUnavailable         the database or the shared store failed (details only in the server log)
export type SignInProblem = { kind: "credentials" | "throttled" | "disabled" | "other"; title: string; message: string };

export function describeSignInError(code: string | null | undefined): SignInProblem | null {
  if (!code) return null;
  if (code.startsWith("TooManyAttempts")) {
    const seconds = Number(code.split(":")[1]);
    const minutes = Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds / 60) : null;
    const wait = minutes === null ? "a few minutes" : minutes === 1 ? "a minute" : `${minutes} minutes`;
    return { kind: "throttled", title: "Too many attempts", message: `Sign-in is locked for now. Try again in ${wait}.` };
  }
  if (code === "CredentialsSignin") {
    return { kind: "credentials", title: "Sign-in failed", message: "The email or password is incorrect." };
  }
  if (code === "AccountDisabled") {
    return { kind: "disabled", title: "Account disabled", message: "This account has been disabled. Ask an administrator." };
  }
  if (code === "SignInUnavailable") {
    return { kind: "other", title: "Sign-in unavailable", message: "Sign-in is not available right now. Try again in a moment." };
  }
  if (code === "SessionRequired") {
    return { kind: "other", title: "Please sign in", message: "Sign in to continue." };
  }
  return { kind: "other", title: "Sign-in failed", message: "Something went wrong. Try again." };
}
