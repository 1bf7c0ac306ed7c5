// The main thread's side of the host bridge (lib/boot/host-bridge.ts): what the console's worker
// thread may ask of it. scripts/server.mjs serves it on the port it gives the worker.
import type { MessagePort } from "node:worker_threads";
import { metricsHostHandlers } from "../metrics/metrics";
import { sharedStore } from "../store";
import { storeHostHandlers } from "../store/host-store";
import { usageHostHandlers } from "../usage/usage-recorder";
import { serveHostBridge } from "./host-bridge";

export function serveConsoleBridge(port: MessagePort): void {
  serveHostBridge(port, (emit) => ({
    ...storeHostHandlers(sharedStore(), emit),
    ...usageHostHandlers(),
    ...metricsHostHandlers(),
  }));
}
