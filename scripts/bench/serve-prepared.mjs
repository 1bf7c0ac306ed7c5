// Serves an already built, migrated and bootstrapped Tollgate with scripts/server.mjs in a clean
// process, skipping the preparation steps of scripts/start.mjs. The benchmark falls back to this
// only when the process started by start.mjs cannot serve the proxy (see docs/benchmarks.md).
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
process.chdir(root);
process.env.NEXT_TELEMETRY_DISABLED = "1";
process.env.NODE_ENV = "production";
const { loadServerEntry } = await import("../server-bundle.mjs");
const { parseEnv, applyHeapGrowth, handleGatewayRequest, serveConsoleBridge, drainAndClose, warmTokenCounting } = await loadServerEntry(root);
const config = parseEnv(process.env);
applyHeapGrowth(config.TOLLGATE_HEAP_GROWTH_PERCENT);
await warmTokenCounting();
const { startServer } = await import("../server.mjs");
await startServer({ dir: root, port: Number(process.env.PORT), hostname: process.env.HOSTNAME ?? "127.0.0.1", gateway: handleGatewayRequest, serveConsoleBridge, drainAndClose, requestTimeoutMs: config.HTTP_REQUEST_TIMEOUT_MS, drainTimeoutMs: config.TOLLGATE_DRAIN_TIMEOUT_MS });
