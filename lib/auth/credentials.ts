// Email + password check behind the next-auth Credentials provider. Kept out of the provider
// config so it can be tested directly. Every outcome is audited; a failure of the database or the
// shared store is logged here and reaches the sign-in page only as `SignInUnavailable`, because
// next-auth puts whatever `authorize` throws into the redirect URL.
import { auditSignIn, auditSignInFailed, type SignInAttempt } from "../audit/audit-sign-in";
import type { DbClient } from "../db";
import { db } from "../db";
import { hashPassword, needsRehash, verifyPassword } from "../crypto/password";
import { logger } from "../logger";
import { signInSchema } from "./schemas";
import { assertLoginAllowed, LoginThrottledError, recordLoginFailure, recordLoginSuccess } from "./login-rate-limit";
import { findActiveSessionUser, type SessionUser } from "./session-user";

/** Thrown when the password is right but the account is disabled (shown as such on the page). */
export class AccountDisabledError extends Error {
  constructor() {
    super("AccountDisabled");
    this.name = "AccountDisabledError";
  }
}

/** Thrown when the database or the shared store failed; the page says "try again in a moment". */
export class SignInUnavailableError extends Error {
  constructor() {
    super("SignInUnavailable");
    this.name = "SignInUnavailableError";
  }
}

// Unknown emails still pay for one scrypt run, so response time does not reveal which accounts exist.
let dummyHash: Promise<string> | undefined;

/** A hash made with older scrypt parameters is replaced while the plain password is at hand. */
async function upgradeHash(client: DbClient, userId: string, stored: string, password: string): Promise<void> {
  if (!needsRehash(stored)) return;
  try {
    await client.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(password) } });
  } catch (error) {
    logger().warn({ err: error, userId }, "could not store an upgraded password hash; keeping the old one");
  }
}

async function checkCredentials(attempt: SignInAttempt, password: string, client: DbClient): Promise<SessionUser | null> {
  try {
    await assertLoginAllowed(attempt.email, attempt.ip);
  } catch (error) {
    if (error instanceof LoginThrottledError) await auditSignInFailed(attempt, "rate_limited");
    throw error;
  }

  const user = await client.user.findUnique({
    where: { email: attempt.email },
    select: { id: true, passwordHash: true, disabled: true },
  });
  const stored = user?.passwordHash ?? (await (dummyHash ??= hashPassword("tollgate-dummy-password")));
  const valid = (await verifyPassword(password, stored)) && Boolean(user?.passwordHash);

  if (!user || !valid) {
    await recordLoginFailure(attempt.email, attempt.ip);
    await auditSignInFailed(attempt, "invalid_credentials");
    return null;
  }
  if (user.disabled) {
    await auditSignInFailed(attempt, "account_disabled");
    throw new AccountDisabledError();
  }

  await recordLoginSuccess(attempt.email, attempt.ip);
  await upgradeHash(client, user.id, stored, password);
  const sessionUser = await findActiveSessionUser(user.id, client);
  if (sessionUser) await auditSignIn(sessionUser, attempt);
  else await auditSignInFailed(attempt, "inactive_user");
  return sessionUser;
}

export async function authorizeCredentials(
  input: { email?: string; password?: string; ip: string | null; userAgent?: string | null },
  client: DbClient = db(),
): Promise<SessionUser | null> {
  const fields = signInSchema.safeParse({ email: input.email ?? "", password: input.password ?? "" });
  if (!fields.success) return null;
  const { email, password } = fields.data;

  const attempt: SignInAttempt = { email, ip: input.ip, userAgent: input.userAgent ?? null };
  try {
    return await checkCredentials(attempt, password, client);
  } catch (error) {
    if (error instanceof LoginThrottledError || error instanceof AccountDisabledError) throw error;
    logger().error({ err: error, email }, "sign-in failed: the database or the shared store is unavailable");
    // Recorded like any refused sign-in; while the database is down the entry goes to the error log.
    await auditSignInFailed(attempt, "unavailable").catch((auditError: unknown) =>
      logger().error({ err: auditError, email }, "could not audit an unavailable sign-in"),
    );
    throw new SignInUnavailableError();
  }
}
