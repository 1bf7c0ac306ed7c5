// Starting Tollgate for the benchmark and reading what it recorded.
//   launcher "start":    what `npm start` runs: node <its V8 flags> scripts/start.mjs (build if sources
//                        changed, migrate, bootstrap, serve)
//   launcher "prepared": migrations only, then scripts/bench/serve-prepared.mjs on the existing build
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { startProcess } from "./procs.mjs";

const require = createRequire(import.meta.url);
const LISTENING = /\[tollgate\] listening on/;

export function freshDatabase(root, relativeFile) {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(join(root, relativeFile + suffix), { force: true });
}

/**
 * What `npm start` runs, as arguments to node: the V8 flags in package.json's start script (see
 * "Performance" in README.md) and scripts/start.mjs, so the bench measures exactly that process.
 */
export function npmStartArgs(root) {
  const script = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts.start;
  const [command, ...args] = script.trim().split(/\s+/);
  if (command !== "node" || args.at(-1) !== "scripts/start.mjs") throw new Error(`unexpected start script: ${script}`);
  return args;
}

export async function launchTollgate({ root, launcher, env, logFile, buildNeeded, nodeArgs = [] }) {
  const startArgs = npmStartArgs(root);
  const v8Flags = startArgs.slice(0, -1);
  if (launcher === "prepared") {
    const migrate = spawnSync(process.execPath, ["scripts/prisma.mjs", "migrate-deploy"], { cwd: root, env, encoding: "utf8", timeout: 120_000 });
    if (migrate.status !== 0) throw new Error(`migrations failed: ${migrate.stderr || migrate.stdout}`);
    const proc = startProcess("tollgate", process.execPath, [...v8Flags, ...nodeArgs, "scripts/bench/serve-prepared.mjs"], { cwd: root, env, logFile });
    await proc.waitFor(LISTENING, 120_000);
    return proc;
  }
  const proc = startProcess("tollgate", process.execPath, [...v8Flags, ...nodeArgs, "scripts/start.mjs"], { cwd: root, env, logFile });
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
