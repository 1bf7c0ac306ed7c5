// Small node:http helpers for the fake upstream: JSON answers, cancellable waits, paced SSE writing.
import type { IncomingMessage, ServerResponse } from "node:http";

export async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of req) parts.push(chunk as Buffer);
  return Buffer.concat(parts).toString("utf8");
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** The kind of page a reverse proxy answers when the provider behind it fails: HTML that names internal hosts. */
export function sendHtmlErrorPage(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  const text =
    `<html><head><title>${status} Error</title></head><body>\r\n<center><h1>${status} Error</h1></center>\r\n` +
    `<hr><center>nginx/1.25.3 (upstream 10.0.3.17:8443, internal-llm.corp.example)</center>\r\n</body></html>\r\n`;
  res.writeHead(status, { "content-type": "text/html", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Waits, but gives up as soon as the client is gone (resolves false), so no timer outlives a request. */
export function sleep(ms: number, res: ServerResponse): Promise<boolean> {
  if (ms <= 0) return Promise.resolve(!res.destroyed);
  return new Promise((resolve) => {
    const onClose = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      res.off("close", onClose);
      resolve(!res.destroyed);
    }, ms);
    res.once("close", onClose);
  });
}

export interface StreamFrame {
  /** one complete SSE frame, blank line included */
  text: string;
  /** counts toward `truncateAfter` */
  content: boolean;
}

export interface StreamPlan {
  chunkDelayMs: number;
  /** end the response after this many content frames, terminal frames never sent */
  truncateAfter?: number;
}

/**
 * Writes the frames. Without pacing or truncation the whole stream leaves in one write: the fake is the
 * baseline of the gateway benchmark and must not spend CPU on per-frame syscalls it does not need.
 */
export async function writeStream(res: ServerResponse, frames: StreamFrame[], plan: StreamPlan): Promise<void> {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  if (plan.chunkDelayMs <= 0 && plan.truncateAfter === undefined) {
    res.end(frames.map((frame) => frame.text).join(""));
    return;
  }
  let contentSent = 0;
  for (const frame of frames) {
    if (plan.truncateAfter !== undefined && contentSent >= plan.truncateAfter) break;
    if (frame.content && contentSent > 0 && !(await sleep(plan.chunkDelayMs, res))) return;
    if (res.destroyed) return;
    res.write(frame.text);
    if (frame.content) contentSent++;
  }
  res.end();
}

export function sseFrame(data: unknown, event?: string): StreamFrame["text"] {
  return `${event ? `event: ${event}\n` : ""}data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`;
}
