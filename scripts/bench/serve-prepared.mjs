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
const { parseEnv, applyHeapGrowth, handleGatewayRequest, serveConsoleBridge } = await loadServerEntry(root);
applyHeapGrowth(parseEnv(process.env).TOLLGATE_HEAP_GROWTH_PERCENT);
const { startServer } = await import("../server.mjs");
await startServer({ dir: root, port: Number(process.env.PORT), hostname: process.env.HOSTNAME ?? "127.0.0.1", gateway: handleGatewayRequest, serveConsoleBridge });
