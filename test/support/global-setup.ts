// Vitest global setup: one freshly migrated database per run. scripts/test.mjs sets DATABASE_URL
// (a SQLite file or a PostgreSQL database it just created); run alone, vitest gets a SQLite file.
import { rmSync, mkdirSync } from "node:fs";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { buildThreadBundles } from "../../scripts/build-threads.mjs";
import { TEST_LOG_LEVEL, TEST_SECRET } from "./test-env";

export default async function setup(): Promise<void> {
  const root = path.resolve(__dirname, "../..");
  if (!process.env.DATABASE_URL) {
    const file = path.join(root, "data", "test", `vitest-${process.pid}.db`);
    mkdirSync(path.dirname(file), { recursive: true });
    for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
    process.env.DATABASE_URL = `file:${file}`;
    process.env.TOLLGATE_TEST_DB_OWNED = "1";
  }
  if (!/^(file:.*\/data\/|postgres(ql)?:\/\/[^/]*(127\.0\.0\.1|localhost))/.test(process.env.DATABASE_URL)) {
    throw new Error(`Refusing to run tests against a non-local database: ${process.env.DATABASE_URL}`);
  }
  process.env.TOLLGATE_SECRET ??= TEST_SECRET;
  process.env.LOG_LEVEL ??= TEST_LOG_LEVEL;
  if (process.env.TOLLGATE_TEST_SKIP_MIGRATE !== "1") {
    execFileSync(process.execPath, [path.join(root, "scripts/prisma.mjs"), "migrate-deploy"], {
      cwd: root,
      env: process.env,
      stdio: "ignore",
    });
  }
  // The default organization exists before any test file runs, as after `npm start`'s bootstrap. It is
  // the oldest organization, so without this a test file that makes an organization of its own (to
  // turn its cache on, say) could be first and become every other file's "default".
  const { ensureDefaultOrg } = await import("../../lib/org/default-org");
  const { disconnectDb } = await import("../../lib/db");
  await ensureDefaultOrg();
  await disconnectDb();
  // The code of Tollgate's own threads (the SQLite usage writer's), compiled as `npm start` does.
  await buildThreadBundles(root);
}
