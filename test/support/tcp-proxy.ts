// A TCP proxy of the test's own between Tollgate processes and the real Redis, so a test can take
// "Redis" away from them without touching the shared server other people use:
// - cut():    every connection through it is reset and new ones are reset at once (Redis down, or
//             a firewall that answers);
// - freeze(): connections stay open but nothing passes either way, and new ones hang (a network
//             partition nobody is told about); heal() delivers what was held, like TCP would;
// - heal():   back to forwarding.
import net from "node:net";
import type { AddressInfo } from "node:net";

type Mode = "open" | "cut" | "frozen";

interface Pair {
  client: net.Socket;
  upstream: net.Socket | null;
  held: { to: "client" | "upstream"; data: Buffer }[];
}

export interface TcpProxy {
  port: number;
  /** `target` with this proxy's host and port (keeps the path, e.g. a Redis db number) */
  urlFor(target: string): string;
  cut(): void;
  freeze(): void;
  heal(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: Mode = "open";
  const pairs = new Set<Pair>();

  function forward(pair: Pair, to: "client" | "upstream", data: Buffer) {
    if (mode === "frozen") return void pair.held.push({ to, data });
    (to === "client" ? pair.client : pair.upstream)?.write(data);
  }

  function connectUpstream(pair: Pair) {
    const upstream = net.connect(target.port, target.host);
    pair.upstream = upstream;
    upstream.on("data", (data: Buffer) => forward(pair, "client", data));
    upstream.on("error", () => pair.client.destroy());
    upstream.on("close", () => pair.client.destroy());
  }

  const server = net.createServer((client) => {
    if (mode === "cut") return void client.resetAndDestroy();
    const pair: Pair = { client, upstream: null, held: [] };
    pairs.add(pair);
    client.on("data", (data: Buffer) => forward(pair, "upstream", data));
    client.on("error", () => pair.upstream?.destroy());
    client.on("close", () => {
      pair.upstream?.destroy();
      pairs.delete(pair);
    });
    // A frozen network does not even complete the path to Redis.
    if (mode === "open") connectUpstream(pair);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const proxy: TcpProxy = {
    port,
    urlFor(url) {
      const parsed = new URL(url);
      parsed.hostname = "127.0.0.1";
      parsed.port = String(port);
      return parsed.toString();
    },
    cut() {
      mode = "cut";
      for (const pair of pairs) {
        pair.client.resetAndDestroy();
        pair.upstream?.destroy();
      }
      pairs.clear();
    },
    freeze() {
      mode = "frozen";
    },
    heal() {
      mode = "open";
      for (const pair of pairs) {
        if (!pair.upstream) connectUpstream(pair);
        for (const { to, data } of pair.held.splice(0)) forward(pair, to, data);
      }
    },
    async close() {
      proxy.cut();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return proxy;
}
