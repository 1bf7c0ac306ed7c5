// The console's password policy, applied wherever a password is set (the users API, the first
// admin): at least PASSWORD_MIN_LENGTH characters, not only one repeated character, and — unless
// PASSWORD_REJECT_COMMON is off — not on the built-in list of common passwords. Sign-in does not
// apply it, so passwords set under an older policy keep working until they are changed.
import { env } from "../env";
import { ValidationError } from "../http/errors";
import { COMMON_PASSWORDS } from "./common-passwords";

/** The first rule the password breaks, in plain words, or null when it is acceptable. */
export function passwordPolicyProblem(password: string): string | null {
  const config = env();
  // Characters as people count them (an emoji is one), not UTF-16 code units.
  const length = [...password].length;
  if (length < config.PASSWORD_MIN_LENGTH) return `Password must be at least ${config.PASSWORD_MIN_LENGTH} characters long.`;
  if (new Set(password).size === 1) return "Password must not be one character repeated.";
  if (config.PASSWORD_REJECT_COMMON && COMMON_PASSWORDS.has(password.trim().toLowerCase())) {
    return "This password is too common and easy to guess. Choose another.";
  }
  return null;
}

/** For the API: a 422 naming the field, e.g. `password: Password must be at least 12 characters long.` */
export function assertPasswordAllowed(password: string, field = "password"): void {
  const problem = passwordPolicyProblem(password);
  if (problem) throw new ValidationError(`${field}: ${problem}`, field);
}
