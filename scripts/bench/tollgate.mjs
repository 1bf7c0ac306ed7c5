// Starting Tollgate for the benchmark and reading what it recorded.
//   launcher "start":    node scripts/start.mjs (build if sources changed, migrate, bootstrap, serve)
//   launcher "prepared": migrations only, then scripts/bench/serve-prepared.mjs on the existing build
import { spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { startProcess } from "./procs.mjs";

const require = createRequire(import.meta.url);
const LISTENING = /\[tollgate\] listening on/;

export function freshDatabase(root, relativeFile) {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(join(root, relativeFile + suffix), { force: true });
}

export async function launchTollgate({ root, launcher, env, logFile, buildNeeded, nodeArgs = [] }) {
  if (launcher === "prepared") {
    const migrate = spawnSync(process.execPath, ["scripts/prisma.mjs", "migrate-deploy"], { cwd: root, env, encoding: "utf8", timeout: 120_000 });
    if (migrate.status !== 0) throw new Error(`migrations failed: ${migrate.stderr || migrate.stdout}`);
    const proc = startProcess("tollgate", process.execPath, [...nodeArgs, "scripts/bench/serve-prepared.mjs"], { cwd: root, env, logFile });
    await proc.waitFor(LISTENING, 120_000);
    return proc;
  }
  const proc = startProcess("tollgate", process.execPath, [...nodeArgs, "scripts/start.mjs"], { cwd: root, env, logFile });
  // A build on 2 busy cores takes minutes; a start on a current build takes seconds.
  await proc.waitFor(LISTENING, buildNeeded ? 15 * 60_000 : 180_000);
  return proc;
}

/** The request ids of every UsageRecord row in the SQLite file. */
export function usageRequestIds(dbFile) {
  if (!existsSync(dbFile)) throw new Error(`no database at ${dbFile}`);
  const Database = require("better-sqlite3");
  const sqlite = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return new Set(sqlite.prepare('SELECT "requestId" FROM "UsageRecord"').pluck().all());
  } finally {
    sqlite.close();
  }
}
