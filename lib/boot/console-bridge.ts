// The main thread's side of the host bridge (lib/boot/host-bridge.ts): what the console's worker
// thread may ask of it. scripts/server.mjs serves it on the port it gives the worker.
import type { MessagePort } from "node:worker_threads";
import { metricsHostHandlers } from "../metrics/metrics";
import { sharedStore } from "../store";
import { storeHostHandlers } from "../store/host-store";
import { usageHostHandlers } from "../usage/usage-recorder";
import { serveHostBridge } from "./host-bridge";
import type { HostHandlers } from "./host-methods";

export function serveConsoleBridge(port: MessagePort): void {
  serveHostBridge(port, (emit) => {
    // Every method of HostMethods: one left out is a compile error here, not a failed call at run time.
    const handlers: HostHandlers = {
      ...storeHostHandlers(sharedStore(), emit),
      ...usageHostHandlers(),
      ...metricsHostHandlers(),
    };
    return handlers;
  });
}
