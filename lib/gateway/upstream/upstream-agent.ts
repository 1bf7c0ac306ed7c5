// The one keep-alive undici Agent every upstream call goes through (decision 003): global fetch costs
// about 4x the CPU per call (WHATWG streams), and TLS/TCP setup dominates small calls.
import { Agent } from "undici";
import { guardedConnector } from "@/lib/net/undici-connector";

export const upstreamAgent = new Agent({
  // Per origin. One provider often carries every concurrent stream of the gateway, so the pool must be
  // wide; undici opens sockets lazily, so an idle gateway holds none of them.
  connections: 1024,
  keepAliveTimeout: 30_000,
  keepAliveMaxTimeout: 300_000,
  // Deadlines are enforced per call (target.timeoutMs) by CallDeadline, not by undici's fixed defaults.
  headersTimeout: 0,
  bodyTimeout: 0,
  // Each new socket's address is checked (cloud metadata, link-local, and private ranges when
  // TOLLGATE_BLOCK_PRIVATE_NETWORKS is on): a base URL's name may resolve elsewhere than when saved.
  connect: guardedConnector(),
});
