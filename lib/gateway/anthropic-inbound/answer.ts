// What one upstream attempt of a Messages call hands back to the pipeline, whichever way it went (an
// Anthropic upstream's own answer passed through, or another provider's answer translated): the
// Anthropic-format answer for the client, and what settling and the response cache need.
import type { ChatCompletion, Usage } from "../../openai-format/types";
import type { FrameBatch } from "./chunks-to-events";
import type { AnthropicUsageOut } from "./to-anthropic-message";

export interface JsonAnswer {
  stream: false;
  /** the Anthropic message's JSON text, as the client gets it */
  json: string;
  /** in canonical form (prompt tokens include cache reads and writes); null = the upstream reported none */
  usage: Usage | null;
  /** the generated text, to estimate tokens when no usage was reported */
  completionText: string;
  /** the answer in canonical form for the response cache; null when it has none (thinking, server tools…) */
  canonical(): ChatCompletion | null;
}

export interface StreamAnswer {
  stream: true;
  /** The next frames (null at a clean end). Throws the upstream's failure. */
  next(): Promise<FrameBatch | null>;
  /** usage in canonical form once the stream ended; null = the upstream never reported it */
  usage(): Usage | null;
  completionText(): string;
  /** after a clean end: the answer in canonical form for the response cache, or null */
  canonical(): ChatCompletion | null;
  /** frames owed once the upstream ended and the usage is settled ("" when the upstream sent its own end) */
  end(usage: AnthropicUsageOut): string;
  /** the client left: stop reading */
  cancel(): void;
}

export type MessagesAnswer = JsonAnswer | StreamAnswer;

/**
 * A stream failure whose error event already reached the client (an Anthropic upstream's own `error`
 * event, passed through as it was): the stream ends without another one. `error` is what the ledger
 * records.
 */
export class ForwardedStreamError extends Error {
  constructor(readonly error: unknown) {
    super("the upstream's error event was passed on");
  }
}
