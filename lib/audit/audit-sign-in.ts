// Console sign-ins and refused sign-ins. A failed attempt is recorded with the email that was
// typed, so admins can see which accounts are being guessed at; the password never is.
import type { SessionUser } from "../auth/session-user";
import { db } from "../db";
import { defaultOrgId } from "../org/default-org";
import { appendAuditOrLog } from "./audit-admin-change";

export interface SignInAttempt {
  email: string;
  ip: string | null;
  userAgent: string | null;
}

/**
 * Why a sign-in was refused (stored in the row's `after`). `unavailable`: the database or the shared
 * store failed while checking it (the person saw a generic "try again" message).
 */
export type SignInFailureReason = "invalid_credentials" | "rate_limited" | "account_disabled" | "inactive_user" | "unavailable";

export async function auditSignIn(user: SessionUser, attempt: SignInAttempt): Promise<void> {
  await appendAuditOrLog({
    orgId: user.orgId,
    actorType: "user",
    actorId: user.id,
    actorEmail: user.email,
    action: "auth.sign_in",
    targetType: "user",
    targetId: user.id,
    ip: attempt.ip,
    userAgent: attempt.userAgent,
  });
}

export async function auditSignInFailed(attempt: SignInAttempt, reason: SignInFailureReason): Promise<void> {
  // The attempted account, when it exists, decides the organization and is the row's target. With
  // the database down neither lookup works; the entry still goes to appendAuditOrLog, which puts it
  // in the error log when it cannot be stored.
  const account = await db()
    .user.findUnique({ where: { email: attempt.email }, select: { id: true, orgId: true } })
    .catch(() => null);
  await appendAuditOrLog({
    orgId: account?.orgId ?? (await defaultOrgId().catch(() => "unknown")),
    actorType: "anonymous",
    actorEmail: attempt.email,
    action: "auth.sign_in_failed",
    targetType: "user",
    targetId: account?.id ?? null,
    after: { email: attempt.email, reason },
    ip: attempt.ip,
    userAgent: attempt.userAgent,
  });
}
