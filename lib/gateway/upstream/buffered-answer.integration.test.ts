// The buffered (non-streamed) answer path against real sockets: informational answers before the real
// one, bodies in many chunks with characters split across them, error bodies cut at the limit, and the
// call's deadline and the caller's abort in the middle of a body.
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createNetServer, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { AbortFlag } from "@/lib/abort/abort-flag";
import { sendUpstreamBuffered } from "./buffered-answer";
import { ERROR_BODY_LIMIT } from "./upstream-dispatch";

let servers: (Server | ReturnType<typeof createNetServer>)[] = [];
/** the raw servers' sockets: undici keeps connections alive, and a net server's close waits for them */
const sockets = new Set<Socket>();
afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  for (const server of servers) {
    if ("closeAllConnections" in server) server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  servers = [];
});

async function listen(server: Server | ReturnType<typeof createNetServer>): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}/v1/chat/completions?x=1`;
}

/** A server that writes these raw bytes on every connection, in pieces `gapMs` apart, and never closes. */
function rawServer(pieces: string[], gapMs = 0) {
  return createNetServer((socket: Socket) => {
    sockets.add(socket);
    socket.once("data", async () => {
      for (const piece of pieces) {
        if (socket.destroyed) return;
        socket.write(piece);
        if (gapMs) await new Promise((resolve) => setTimeout(resolve, gapMs));
      }
    });
    socket.on("error", () => {});
  });
}

describe("sendUpstreamBuffered", () => {
  it("skips informational answers and reads the final one, path and query included", async () => {
    const url = await listen(
      rawServer(["HTTP/1.1 103 Early Hints\r\nlink: </a>\r\n\r\n", 'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nX-Thing: yes\r\ncontent-length: 11\r\n\r\n{"ok":true}']),
    );
    const answer = await sendUpstreamBuffered({ url, headers: {}, body: "{}", timeoutMs: 2000, signal: new AbortFlag() });
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('{"ok":true}');
    expect(answer.header("x-thing")).toBe("yes");
    expect(answer.header("link")).toBeUndefined();
  });

  it("joins a chunked body whose characters are split between chunks", async () => {
    const text = JSON.stringify({ content: "é中😀".repeat(5000) });
    const bytes = Buffer.from(text);
    let seenPath = "";
    const url = await listen(
      createHttpServer((req, res) => {
        seenPath = req.url ?? "";
        req.resume();
        req.on("end", async () => {
          res.writeHead(200, { "content-type": "application/json" });
          for (let at = 0; at < bytes.length; at += 4097) {
            res.write(bytes.subarray(at, at + 4097));
            await new Promise((resolve) => setImmediate(resolve));
          }
          res.end();
        });
      }),
    );
    const answer = await sendUpstreamBuffered({ url, headers: { "content-type": "application/json" }, body: "{}", timeoutMs: 5000, signal: new AbortFlag() });
    expect(seenPath).toBe("/v1/chat/completions?x=1");
    expect(answer.text).toBe(text);
  });

  it("answers with the first 64 KB of an error body without waiting for the rest, and keeps its retry-after", async () => {
    // 10 MB announced, 100 KB sent, then silence: only the limit can end this call before its deadline.
    const url = await listen(rawServer(["HTTP/1.1 503 Service Unavailable\r\ncontent-type: text/html\r\nretry-after: 7\r\ncontent-length: 10485760\r\n\r\n", "<html>" + "x".repeat(100 * 1024)]));
    const answer = await sendUpstreamBuffered({ url, headers: {}, body: "{}", timeoutMs: 3000, signal: new AbortFlag() });
    expect(answer.status).toBe(503);
    expect(answer.header("retry-after")).toBe("7");
    expect(answer.text.length).toBe(ERROR_BODY_LIMIT);
    expect(answer.text.startsWith("<html>x")).toBe(true);
  });

  it("answers 504 when the body stops arriving before the deadline", async () => {
    const url = await listen(rawServer(["HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n", '{"partial":'], 10));
    const started = Date.now();
    await expect(sendUpstreamBuffered({ url, headers: {}, body: "{}", timeoutMs: 200, signal: new AbortFlag() })).rejects.toMatchObject({ status: 504 });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("rejects with the caller's reason when the caller aborts in the middle of the body", async () => {
    const url = await listen(rawServer(["HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n", '{"partial":'], 10));
    const caller = new AbortFlag();
    const reason = new Error("client went away");
    setTimeout(() => caller.abort(reason), 50);
    await expect(sendUpstreamBuffered({ url, headers: {}, body: "{}", timeoutMs: 5000, signal: caller })).rejects.toBe(reason);
  });

  it("refuses to start when the caller already gave up, and reports a refused connection as 502", async () => {
    const caller = new AbortFlag();
    caller.abort(new Error("gone"));
    await expect(sendUpstreamBuffered({ url: "http://127.0.0.1:9/x", headers: {}, timeoutMs: 1000, signal: caller })).rejects.toThrow("gone");
    const closed = createNetServer();
    const url = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    servers = [];
    await expect(sendUpstreamBuffered({ url, headers: {}, body: "{}", timeoutMs: 1000, signal: new AbortFlag() })).rejects.toMatchObject({
      status: 502,
      code: "upstream_unreachable",
    });
  });
});
