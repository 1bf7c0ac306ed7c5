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

/** Why a sign-in was refused (stored in the row's `after`). */
export type SignInFailureReason = "invalid_credentials" | "rate_limited" | "account_disabled" | "inactive_user";

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
  // The attempted account, when it exists, decides the organization and is the row's target.
  const account = await db()
    .user.findUnique({ where: { email: attempt.email }, select: { id: true, orgId: true } })
    .catch(() => null);
  await appendAuditOrLog({
    orgId: account?.orgId ?? (await defaultOrgId()),
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
