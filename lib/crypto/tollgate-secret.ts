// The key that encrypts provider credentials. From TOLLGATE_SECRET, or generated once into
// ./data/secret.key (with a loud warning) so a fresh clone works and restarts keep decrypting.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { env } from "../env";
import { logger } from "../logger";

let cached: string | undefined;

export function secretFilePath(): string {
  return join(process.cwd(), "data", "secret.key");
}

export function tollgateSecret(): string {
  if (cached) return cached;
  const fromEnv = env().TOLLGATE_SECRET;
  if (fromEnv) return (cached = fromEnv);
  const file = secretFilePath();
  if (existsSync(file)) return (cached = readFileSync(file, "utf8").trim());
  mkdirSync(dirname(file), { recursive: true });
  const generated = randomBytes(32).toString("hex");
  writeFileSync(file, generated + "\n", { mode: 0o600 });
  logger().warn(
    { file },
    "TOLLGATE_SECRET is not set: generated one into this file. Back it up (provider credentials cannot be decrypted without it) or set TOLLGATE_SECRET.",
  );
  return (cached = generated);
}
