// Everything scripts/start.mjs needs from lib/, as one module: scripts/server-bundle.mjs bundles it
// with esbuild and the start script requires the bundle (see there for why not tsx).
export { InvalidEnvironmentError, parseEnv } from "../env";
export { bootstrap } from "./bootstrap";
export { applyHeapGrowth } from "./heap-growth";
export { disconnectDb } from "../db";
export { handleGatewayRequest } from "./proxy-fast-path";
export { warmTokenCounting } from "../tokens/token-counting";
export { serveConsoleBridge } from "./console-bridge";
export { drainAndClose } from "./drain-and-close";
export { startUsageLedger } from "../usage/usage-recorder";
export { applyConfigFileAtStart, ConfigFileError, runConfigCommand } from "../config-file/config-command";
