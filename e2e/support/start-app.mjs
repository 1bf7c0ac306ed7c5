// Starts the app for the e2e run on a fresh SQLite file (the run owns it), then hands over to
// `npm start`'s own script so the e2e tests exercise the real start path.
import { rmSync } from "node:fs";
import { resolve } from "node:path";

const url = process.env.DATABASE_URL ?? "";
if (!url.startsWith("file:./data/e2e/")) {
  console.error(`e2e refuses to reset a database outside ./data/e2e: ${url}`);
  process.exit(1);
}
const file = resolve(url.slice("file:".length));
for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
await import("../../scripts/start.mjs");
