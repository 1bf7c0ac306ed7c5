// The bridge between the console's thread and the main thread, over a real MessageChannel: calls are
// typed by lib/boot/host-methods.ts (the @ts-expect-error lines fail `tsc` if a wrong call ever
// compiles), answered in order, errors come back as errors, events reach their listeners.
import { MessageChannel } from "node:worker_threads";
import { afterEach, describe, expect, it } from "vitest";
import { HostBridge, serveHostBridge } from "./host-bridge";
import type { HostHandlers } from "./host-methods";

const ports: { close(): void }[] = [];
afterEach(() => ports.splice(0).forEach((p) => p.close()));

function connect(makeHandlers: Parameters<typeof serveHostBridge>[1]): HostBridge {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  serveHostBridge(port1, makeHandlers);
  return new HostBridge(port2);
}

describe("host bridge", () => {
  it("answers typed calls in order and carries the host's errors back", async () => {
    const values = new Map<string, string>();
    const handlers: Partial<HostHandlers> = {
      "store.set": async (key, value) => void values.set(key, value),
      "store.get": async (key) => values.get(key) ?? null,
      "store.delete": async () => {
        throw new Error("store unavailable");
      },
    };
    const bridge = connect(() => handlers);
    const set = bridge.call("store.set", "k", "v");
    const got: Promise<string | null> = bridge.call("store.get", "k");
    await set;
    expect(await got).toBe("v");
    await expect(bridge.call("store.delete", "k")).rejects.toThrow("store unavailable");
    await expect(bridge.call("usage.flush")).rejects.toThrow("unknown host method usage.flush");

    // Wrong names and wrong arguments do not compile:
    // @ts-expect-error -- not a method of HostMethods
    void bridge.call("store.nope", "k").catch(() => {});
    // @ts-expect-error -- store.get takes a string key
    void bridge.call("store.get", 42).catch(() => {});
    // @ts-expect-error -- only methods that answer nothing may be posted
    bridge.post("store.get", "k");
  });

  it("delivers host events to the listeners of their name, with their payload type", async () => {
    const bridge = connect((emit) => ({
      "store.subscribe": async (channel) => emit("store.message", { channel, message: "hello" }),
    }));
    const seen: string[] = [];
    bridge.on("store.message", ({ channel, message }) => seen.push(`${channel}:${message}`));
    await bridge.call("store.subscribe", "key-invalidated");
    expect(seen).toEqual(["key-invalidated:hello"]);
  });
});
