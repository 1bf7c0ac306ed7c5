// Preloaded into Portkey's gateway for the benchmark only (`node --import ./portkey-shim.mjs`).
// 1. Portkey's start-server.js listens on every interface; the benchmark stays on 127.0.0.1.
// 2. With the @hono/node-server installed here (> 1.14.2), Portkey's streaming path appends
//    headers to the upstream fetch Response, whose headers are immutable, and every streamed call
//    fails with "TypeError: immutable" (Portkey-AI/gateway#1389). Its patch-package postinstall
//    would not fix that (the package ships no patches/). Re-wrapping upstream responses so their
//    headers are mutable is the smallest fix that lets streaming work; it costs one object per call.
import net from "node:net";

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === "number" && (args[1] === undefined || typeof args[1] === "function")) {
    if (args[1] === undefined) args.splice(1, 1, "127.0.0.1");
    else args.splice(1, 0, "127.0.0.1");
  }
  return listen.apply(this, args);
};

const originalFetch = globalThis.fetch;
globalThis.fetch = async function (...args) {
  const response = await originalFetch.apply(this, args);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers: new Headers(response.headers) });
};
