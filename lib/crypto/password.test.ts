import { randomBytes, scryptSync } from "node:crypto";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { hashPassword, needsRehash, SCRYPT_PARAMS, verifyPassword } from "./password";

/** A hash as Tollgate stored them before (N=2^15), made independently of the module under test. */
function legacyHash(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password, salt, 32, { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  return `scrypt$${1 << 15}$8$1$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

describe("password hashes", () => {
  it("use OWASP's minimum for scrypt (N=2^17, r=8, p=1) and name their parameters", async () => {
    expect(SCRYPT_PARAMS).toEqual({ N: 131072, r: 8, p: 1 });
    const stored = await hashPassword("correct horse battery");
    expect(stored).toMatch(/^scrypt\$131072\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword("correct horse battery", stored)).toBe(true);
    expect(await verifyPassword("correct horse batterY", stored)).toBe(false);
    expect(needsRehash(stored)).toBe(false);
  });

  it("still verify hashes made with the old parameters, which need a re-hash", async () => {
    const old = legacyHash("old-but-gold-password");
    expect(await verifyPassword("old-but-gold-password", old)).toBe(true);
    expect(await verifyPassword("wrong", old)).toBe(false);
    expect(needsRehash(old)).toBe(true);
  });

  it("refuse stored values that are not scrypt hashes", async () => {
    for (const bad of ["", "plain-text", "bcrypt$2b$10$x", "scrypt$NaN$8$1$c2FsdA$a2V5", "scrypt$-1$8$1$c2FsdA$a2V5"]) {
      expect(await verifyPassword("x", bad)).toBe(false);
      expect(needsRehash(bad)).toBe(false);
    }
  });

  it("run off the event loop: timers keep firing while two hashes are computed", async () => {
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = performance.now();
    await Promise.all([hashPassword("first-password-here"), hashPassword("second-password-here")]);
    const elapsedMs = performance.now() - started;
    delay.disable();
    // A synchronous scrypt would hold the loop for the whole hash (hundreds of ms).
    expect(delay.max / 1e6).toBeLessThan(elapsedMs / 2);
  });
});
