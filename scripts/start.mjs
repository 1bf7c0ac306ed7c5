#!/usr/bin/env node
// `npm start`: use the production build (or build it when needed, see below), validate the
// environment, apply pending migrations, create the first admin, apply the configuration file
// (TOLLGATE_CONFIG), then serve the gateway and console. `--dev` serves with hot reload.
// `--prepare-only` stops before serving (and never builds the Next.js app): the database migrated
// and bootstrapped and the configuration file applied, exit 0, or exit 1 with what went wrong (a
// release step, e.g. an init container, before the servers start).
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
if (existsSync(join(root, ".env"))) process.loadEnvFile(join(root, ".env"));
process.env.NEXT_TELEMETRY_DISABLED = "1";
const dev = process.argv.includes("--dev");
const prepareOnly = process.argv.includes("--prepare-only");
// What the operator asked for, before this process sets its own NODE_ENV (scripts/build-state.mjs).
const requestedNodeEnv = process.env.NODE_ENV;
process.env.NODE_ENV = dev ? "development" : "production";

// The app's own modules this script needs (env schema, bootstrap, the proxy's fast path), bundled:
// required as `npm run build` wrote them when the build is current, else bundled now (~100 ms) and
// the Next.js app built after the environment is known to be valid. With NODE_ENV=production a
// stale build is refused instead (a production host never compiles at start).
let sourcesHash = null;
let entry;
if (dev) {
  const { loadServerEntry } = await import("./server-bundle.mjs");
  entry = await loadServerEntry(root);
} else {
  const { buildStatus, buildDecision, sourceHash, staleBuildMessage } = await import("./build-state.mjs");
  const status = buildStatus(root);
  const decision = buildDecision({ current: status.current, requestedNodeEnv });
  if (decision === "refuse") {
    console.error(staleBuildMessage(status.reason));
    process.exit(1);
  }
  const bundles = await import("./server-bundle.mjs");
  if (decision === "use") entry = bundles.requireServerEntry(root);
  else {
    sourcesHash = sourceHash(root);
    entry = await bundles.loadServerEntry(root);
  }
}
const {
  parseEnv,
  InvalidEnvironmentError,
  applyHeapGrowth,
  bootstrap,
  applyConfigFileAtStart,
  ConfigFileError,
  disconnectDb,
  handleGatewayRequest,
  serveConsoleBridge,
  drainAndClose,
  warmTokenCounting,
  startUsageLedger,
} = entry;

let config;
try {
  config = parseEnv(process.env);
} catch (error) {
  if (error instanceof InvalidEnvironmentError) {
    console.error(`[tollgate] ${error.message}\nSee "Configuration" in README.md.`);
    process.exit(1);
  }
  throw error;
}
// Full GCs rarer than V8's default makes them, for the proxy's p99 (lib/boot/heap-growth.ts).
applyHeapGrowth(config.TOLLGATE_HEAP_GROWTH_PERCENT);

if (sourcesHash !== null && !prepareOnly) {
  console.log("[tollgate] building the app (first start or sources changed; `npm run build` does this ahead of time)…");
  const { runNextBuild } = await import("./build-app.mjs");
  const status = runNextBuild(root);
  if (status !== 0) process.exit(status);
  const { markBuilt } = await import("./build-state.mjs");
  markBuilt(root, sourcesHash);
}

const { createSqliteFile, hasPendingMigrations, enableSqliteWal } = await import("./migrations-state.mjs");
const { migrateDeploy } = await import("./prisma.mjs");
try {
  createSqliteFile(root, config.DATABASE_URL);
  if (await hasPendingMigrations(root, config.DATABASE_URL)) {
    console.log("[tollgate] applying database migrations…");
    migrateDeploy();
  }
  enableSqliteWal(root, config.DATABASE_URL);
} catch (error) {
  console.error(`[tollgate] the database at DATABASE_URL is not usable: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}

try {
  await bootstrap();
} catch (error) {
  // ADMIN_PASSWORD that breaks the password policy is only known once the first admin is made.
  if (!(error instanceof InvalidEnvironmentError)) throw error;
  console.error(`[tollgate] ${error.message}\nSee "Configuration" in README.md.`);
  process.exit(1);
}
// The configuration file (TOLLGATE_CONFIG, docs/configuration.md), before serving: applied whole
// in one transaction, or the start fails with the file's path and line and nothing of it applied.
try {
  await applyConfigFileAtStart(config.TOLLGATE_CONFIG);
} catch (error) {
  if (error instanceof ConfigFileError) console.error(`[tollgate] not starting: ${error.message}`);
  else console.error(`[tollgate] not starting: applying ${config.TOLLGATE_CONFIG} failed, nothing of it was applied: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
await disconnectDb();
if (prepareOnly) {
  console.log("[tollgate] prepared (migrations, first admin, configuration file); not serving (--prepare-only).");
  process.exit(0);
}
// The tokenizer's tables (about half a second to load) and the counting threads, ready before the
// first call: no call ever waits for either on the event loop (lib/tokens).
await warmTokenCounting();
// The usage buffer, and the records a process of this host left in the journal (the database was
// down when it stopped, or it crashed) replayed in the background (lib/usage/journal.ts).
await startUsageLedger();

// The proxy's fast path and Next in a worker thread (see scripts/server.mjs). In dev, Next serves
// everything from this thread, the proxy included, so edits hot-reload.
const { startServer } = await import("./server.mjs");
await startServer({
  dir: root,
  port: config.PORT,
  hostname: process.env.HOSTNAME ?? "0.0.0.0",
  dev,
  gateway: dev ? null : handleGatewayRequest,
  next: dev ? "inline" : "worker",
  serveConsoleBridge,
  drainAndClose,
  requestTimeoutMs: config.HTTP_REQUEST_TIMEOUT_MS,
  drainTimeoutMs: config.TOLLGATE_DRAIN_TIMEOUT_MS,
});
