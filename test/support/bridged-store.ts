// A HostStore wired to a MemoryStore through a real MessageChannel: the console worker's store as
// it runs in production, minus the thread (structured clone and message ordering are the same).
import { MessageChannel } from "node:worker_threads";
import { HostBridge, serveHostBridge } from "@/lib/boot/host-bridge";
import { HostStore, storeHostHandlers } from "@/lib/store/host-store";
import { MemoryStore } from "@/lib/store/memory-store";
import type { SharedStore } from "@/lib/store/shared-store";

/** The guest store; closing it also closes the host's store and the channel. */
export function bridgedMemoryStore(host: SharedStore = new MemoryStore()): HostStore {
  const { port1, port2 } = new MessageChannel();
  serveHostBridge(port1, (emit) => storeHostHandlers(host, emit));
  const guest = new HostStore(new HostBridge(port2));
  const closeGuest = guest.close.bind(guest);
  guest.close = async () => {
    await closeGuest();
    await host.close();
    port1.close();
  };
  return guest;
}
