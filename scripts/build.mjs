#!/usr/bin/env node
// `npm run build`: a production build of the app, stamped so `npm start` knows it is current, and the
// code of Tollgate's own threads (scripts/build-threads.mjs; `npm start` rebuilds that on every start).
import { spawnSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { markBuilt } from "./build-state.mjs";
import { buildThreadBundles } from "./build-threads.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
process.env.NEXT_TELEMETRY_DISABLED = "1";
const build = spawnSync(process.execPath, [join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
  cwd: root,
  stdio: "inherit",
  env: process.env,
});
if (build.status !== 0) process.exit(build.status ?? 1);
await buildThreadBundles(root);
markBuilt(root);
