// scripts/server.mjs serving the proxy alone (no Next.js build needed), with the same bundled
// gateway and the same SIGTERM handling as `npm start`. Prints one line {"port":N} when listening.
// Used by test/integration/graceful-shutdown.test.ts and connection-hardening.test.ts.
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadServerEntry } from "../../scripts/server-bundle.mjs";
import { startServer } from "../../scripts/server.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
process.chdir(root);
const { handleGatewayRequest, drainAndClose, parseEnv } = await loadServerEntry(root, "proxy-only-server.cjs");
const { HTTP_REQUEST_TIMEOUT_MS, TOLLGATE_DRAIN_TIMEOUT_MS } = parseEnv(process.env);
// TOLLGATE_TEST_LOG=1 shows the server's own lines (the shutdown tests read them).
const quiet = process.env.TOLLGATE_TEST_LOG === "1" ? console : { log() {}, error: console.error };
const server = await startServer({
  dir: root,
  port: 0,
  hostname: "127.0.0.1",
  gateway: handleGatewayRequest,
  next: "none",
  drainAndClose,
  requestTimeoutMs: HTTP_REQUEST_TIMEOUT_MS,
  drainTimeoutMs: TOLLGATE_DRAIN_TIMEOUT_MS,
  log: quiet,
});
process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
