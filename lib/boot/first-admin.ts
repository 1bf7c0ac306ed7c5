// The first console admin of an organization that has no users yet: from ADMIN_EMAIL /
// ADMIN_PASSWORD, or admin@tollgate.local with a generated password that is shown exactly once.
import { randomBytes } from "node:crypto";
import type { DbClient } from "../db";
import { db } from "../db";
import { passwordPolicyProblem } from "../auth/password-policy";
import { hashPassword } from "../crypto/password";
import { InvalidEnvironmentError } from "../env";
import { isUniqueViolation } from "../http/prisma-errors";

export const DEFAULT_ADMIN_EMAIL = "admin@tollgate.local";

export type CreatedAdmin = { email: string; generatedPassword?: string };

/** A box that stands out in a wall of JSON log lines. */
export function boxed(lines: string[]): string {
  const width = Math.max(...lines.map((l) => l.length));
  const bar = "═".repeat(width + 2);
  return [`╔${bar}╗`, ...lines.map((l) => `║ ${l.padEnd(width)} ║`), `╚${bar}╝`].join("\n");
}

export async function ensureFirstAdmin(options: {
  orgId: string;
  email?: string;
  password?: string;
  client?: DbClient;
  /** Where the one-time password goes; stdout by default (the log), never the structured logger. */
  print?: (text: string) => void;
}): Promise<CreatedAdmin | undefined> {
  const client = options.client ?? db();
  if ((await client.user.count({ where: { orgId: options.orgId } })) > 0) return undefined;

  const email = (options.email ?? DEFAULT_ADMIN_EMAIL).toLowerCase();
  // The policy applies to the first admin too; only checked when an account is about to be made.
  const problem = options.password === undefined ? null : passwordPolicyProblem(options.password);
  if (problem) throw new InvalidEnvironmentError(`ADMIN_PASSWORD: ${problem} (PASSWORD_MIN_LENGTH, PASSWORD_REJECT_COMMON)`);
  const generatedPassword = options.password ? undefined : randomBytes(18).toString("base64url");
  const password = options.password ?? generatedPassword!;
  try {
    await client.user.create({
      // Enterprise: the tier without default quotas. Tier quotas cap the people this admin lets in,
      // not the one who runs the install (docs/quotas-and-rate-limits.md, "Effective limits").
      data: { orgId: options.orgId, email, name: "Administrator", role: "admin", tier: "enterprise", passwordHash: await hashPassword(password) },
    });
  } catch (error) {
    // Another replica created it a moment ago (same email): nothing left to do here.
    if (isUniqueViolation(error)) return undefined;
    throw error;
  }

  if (generatedPassword) {
    const print = options.print ?? ((text: string) => process.stdout.write(`${text}\n`));
    print(
      boxed([
        "Tollgate created the first admin account.",
        "",
        `  email:    ${email}`,
        `  password: ${generatedPassword}`,
        "",
        "This password is shown only once. Sign in and change it,",
        "or set ADMIN_EMAIL and ADMIN_PASSWORD before the first start.",
      ]),
    );
  }
  return { email, ...(generatedPassword ? { generatedPassword } : {}) };
}
