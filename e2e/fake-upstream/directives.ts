// Fault injection for the fake upstream. Clients behind the gateway cannot set upstream headers, so the
// same switches can ride inside the last user message: `[[fake:status=429,retry-after=2]]`.
import type { IncomingHttpHeaders } from "node:http";

export interface FakeDirectives {
  latencyMs?: number;
  status?: number;
  retryAfter?: string;
  /** end the stream cleanly after this many content chunks, without the terminal event */
  truncateAfter?: number;
  /** send an error event inside the 200 stream after one content chunk */
  streamError?: boolean;
  /** never answer */
  hang?: boolean;
  chunkDelayMs?: number;
  /** non-stream 200 whose body is an error object */
  errorIn200?: boolean;
  /** answer with a call to the first tool (only when the request has tools) */
  tool?: boolean;
  /** ignore stream_options.include_usage, as some OpenAI-compatible servers do: a stream with no usage */
  noUsage?: boolean;
  /** with `status`: answer with an HTML error page, as a proxy in front of a provider does, instead of the provider's JSON */
  html?: boolean;
  /** echo at most this many characters of the prompt (a short answer to a huge prompt, as a real model gives) */
  echoChars?: number;
  /** Anthropic: report this many prompt tokens read from the prompt cache (cache_read_input_tokens) */
  cacheRead?: number;
  /** Anthropic: report this many prompt tokens written to the prompt cache (cache_creation_input_tokens) */
  cacheWrite?: number;
  /** Anthropic: answer with a thinking block (with a signature) before the text */
  thinking?: boolean;
}

const DIRECTIVE = /\[\[fake:([^\]]*)\]\]/g;
const MARKER = "[[fake:";

function toInt(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number.parseInt(value, 10);
  return Number.isFinite(number) && number >= 0 ? number : undefined;
}

function apply(directives: FakeDirectives, key: string, value: string | undefined): void {
  switch (key.trim().toLowerCase()) {
    case "latency":
      directives.latencyMs = toInt(value);
      break;
    case "status":
      directives.status = toInt(value);
      break;
    case "retry-after":
      if (value !== undefined) directives.retryAfter = value.trim();
      break;
    case "truncate":
      directives.truncateAfter = toInt(value);
      break;
    case "chunk-delay":
      directives.chunkDelayMs = toInt(value);
      break;
    case "stream-error":
      directives.streamError = true;
      break;
    case "hang":
      directives.hang = true;
      break;
    case "error-in-200":
      directives.errorIn200 = true;
      break;
    case "tool":
      directives.tool = true;
      break;
    case "no-usage":
      directives.noUsage = true;
      break;
    case "html":
      directives.html = true;
      break;
    case "echo-chars":
      directives.echoChars = toInt(value);
      break;
    case "cache-read":
      directives.cacheRead = toInt(value);
      break;
    case "cache-write":
      directives.cacheWrite = toInt(value);
      break;
    case "thinking":
      directives.thinking = true;
      break;
  }
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

const HEADER_KEYS = ["latency", "status", "retry-after", "truncate", "chunk-delay", "stream-error", "hang", "error-in-200", "tool", "no-usage", "html", "echo-chars", "cache-read", "cache-write", "thinking"];

/** Directives from the prompt text, then from `x-fake-*` headers (headers win). */
export function parseDirectives(text: string, headers: IncomingHttpHeaders = {}): FakeDirectives {
  const directives: FakeDirectives = {};
  // The marker check keeps the common path (no directive) free of regex work.
  if (text.includes(MARKER)) {
    for (const match of text.matchAll(DIRECTIVE)) {
      for (const item of match[1].split(",")) {
        const [key, value] = item.split("=", 2);
        apply(directives, key, value);
      }
    }
  }
  for (const key of HEADER_KEYS) {
    const value = headerValue(headers, `x-fake-${key}`);
    if (value !== undefined) apply(directives, key, value);
  }
  return directives;
}

/** The prompt as the fake echoes it: directives removed. */
export function stripDirectives(text: string): string {
  return text.includes(MARKER) ? text.replace(DIRECTIVE, "").replace(/\s+/g, " ").trim() : text.trim();
}

/**
 * `stripDirectives(text).slice(0, chars)`, reading only as much of `text` as that needs. The
 * benchmark's large prompts are 4 MB with `echo-chars=64`; collapsing every run of whitespace in 4 MB
 * of prose took the fake 0.4–0.5 s of CPU per call, on the cores Tollgate is measured on, where a real
 * (remote) upstream takes none of them.
 */
export function stripDirectivesPrefix(text: string, chars: number): string {
  for (let length = chars * 2 + 256; ; length *= 2) {
    if (length >= text.length) return stripDirectives(text).slice(0, chars);
    let end = length;
    // A directive cut by the end of the prefix would be echoed: keep all of it.
    const marker = text.lastIndexOf("[[", end);
    if (marker >= 0) {
      const close = text.indexOf("]]", marker);
      if (close >= end - 1) end = close + 2;
    }
    const stripped = stripDirectives(text.slice(0, end));
    // More than `chars` left: the trailing trim and what follows cannot change the first `chars`.
    if (stripped.length > chars) return stripped.slice(0, chars);
  }
}
