// What the server needs from each fake provider: how it authenticates, how its errors look, where the
// prompt sits in its request body, and how it answers.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { FakeDirectives } from "./directives";

export interface FakeCall {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  body: Record<string, unknown>;
  /** the last user text with directives removed */
  prompt: string;
  directives: FakeDirectives;
  chunkDelayMs: number;
  /** increasing number, for ids that differ per request */
  sequence: number;
  /** model named in the path (Gemini) */
  pathModel?: string;
}

export interface FakeProviderShape {
  authorized(req: IncomingMessage, url: URL, apiKey: string): boolean;
  sendAuthError(res: ServerResponse): void;
  /** the provider's error body for a status */
  errorBody(status: number, message: string): unknown;
}

export interface FakeEndpoint {
  shape: FakeProviderShape;
  promptOf(body: Record<string, unknown>): string;
  answer(call: FakeCall): Promise<void> | void;
}

export function failureMessage(status: number): string {
  return `The fake upstream was told to fail with HTTP ${status}.`;
}

export function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
