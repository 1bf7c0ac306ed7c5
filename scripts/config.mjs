#!/usr/bin/env node
// `npm run config:apply -- --dry-run | --apply` and `npm run config:export` (docs/configuration.md):
// the configuration file's commands, run on the database of DATABASE_URL (.env is read as by
// `npm start`). The code is lib/config-file, loaded from the server bundle: the one `npm run build`
// wrote when it is current, else bundled now under its own name, without the threads' code (a running
// server's files stay untouched).
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
if (existsSync(join(root, ".env"))) process.loadEnvFile(join(root, ".env"));

const { isBuildCurrent } = await import("./build-state.mjs");
const bundles = await import("./server-bundle.mjs");
const entry = isBuildCurrent(root) ? bundles.requireServerEntry(root) : await bundles.loadServerEntry(root, "config-command.cjs", { threads: false });
const { parseEnv, InvalidEnvironmentError, runConfigCommand, disconnectDb } = entry;

try {
  parseEnv(process.env);
} catch (error) {
  if (!(error instanceof InvalidEnvironmentError)) throw error;
  console.error(`[tollgate] ${error.message}\nSee "Configuration" in README.md.`);
  process.exit(1);
}

const code = await runConfigCommand(process.argv.slice(2));
await disconnectDb();
// Change notifications may hold a Redis connection open; the command is done.
process.exit(code);
