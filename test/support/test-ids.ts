import { randomBytes } from "node:crypto";

/** Tests share one database per run and run in parallel: every fixture name gets a random suffix. */
export function uniqueSuffix(): string {
  return randomBytes(4).toString("hex");
}
