// Email + password check behind the next-auth Credentials provider. Kept out of the provider
// config so it can be tested directly.
import { auditSignIn, auditSignInFailed } from "../audit/audit-sign-in";
import type { DbClient } from "../db";
import { db } from "../db";
import { hashPassword, verifyPassword } from "../crypto/password";
import { assertLoginAllowed, clearLoginFailures, LoginThrottledError, recordLoginFailure } from "./login-rate-limit";
import { findActiveSessionUser, type SessionUser } from "./session-user";

/** Thrown when the password is right but the account is disabled (shown as such on the page). */
export class AccountDisabledError extends Error {
  constructor() {
    super("AccountDisabled");
    this.name = "AccountDisabledError";
  }
}

// Unknown emails still pay for one scrypt run, so response time does not reveal which accounts exist.
let dummyHash: Promise<string> | undefined;

export async function authorizeCredentials(
  input: { email?: string; password?: string; ip: string | null; userAgent?: string | null },
  client: DbClient = db(),
): Promise<SessionUser | null> {
  const email = (input.email ?? "").trim().toLowerCase();
  const password = input.password ?? "";
  if (!email || !password) return null;

  const attempt = { email, ip: input.ip, userAgent: input.userAgent ?? null };
  try {
    await assertLoginAllowed(email, input.ip);
  } catch (error) {
    if (error instanceof LoginThrottledError) await auditSignInFailed(attempt, "rate_limited");
    throw error;
  }

  const user = await client.user.findUnique({
    where: { email },
    select: { id: true, passwordHash: true, disabled: true },
  });
  const stored = user?.passwordHash ?? (await (dummyHash ??= hashPassword("tollgate-dummy-password")));
  const valid = (await verifyPassword(password, stored)) && Boolean(user?.passwordHash);

  if (!user || !valid) {
    await recordLoginFailure(email, input.ip);
    await auditSignInFailed(attempt, "invalid_credentials");
    return null;
  }
  if (user.disabled) {
    await auditSignInFailed(attempt, "account_disabled");
    throw new AccountDisabledError();
  }

  await clearLoginFailures(email);
  const sessionUser = await findActiveSessionUser(user.id, client);
  if (sessionUser) await auditSignIn(sessionUser, attempt);
  else await auditSignInFailed(attempt, "inactive_user");
  return sessionUser;
}
