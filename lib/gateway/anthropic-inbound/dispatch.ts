// One upstream attempt of a Messages call, the attempt the router (../dispatch.ts) runs on each
// deployment it tries: an Anthropic upstream gets the client's body passed through, any other
// provider the canonical request through its adapter, with the answer translated back. A stream
// attempt resolves once its first frames arrived, so a failure before anything reached the client
// can still be retried elsewhere (the router's contract, lib/routing/route-call.ts).
import { BadRequestError } from "../../http/errors";
import type { AbortSignalLike } from "../../abort/abort-flag";
import type { UpstreamTarget } from "../types";
import { callUpstreamJson, openUpstreamEventStream } from "../upstream/upstream-call";
import type { MessagesAnswer } from "./answer";
import { anthropicCall, type AnthropicClientHeaders } from "./anthropic-upstream";
import type { FrameBatch } from "./chunks-to-events";
import type { AnthropicMessagesRequest } from "./messages-request";
import { PassthroughStream, passthroughJson } from "./passthrough-answer";
import type { AnthropicUsageOut } from "./to-anthropic-message";
import type { CanonicalForm } from "./to-openai-request";
import { translatedJson, translatedStream } from "./translated-answer";

export interface MessagesDispatch {
  request: AnthropicMessagesRequest;
  canonical: CanonicalForm;
  client: AnthropicClientHeaders;
  /** the id a translated answer gets (an Anthropic upstream's answer keeps its own) */
  messageId: string;
  /** what a translated stream's message_start says about usage before the upstream reports it */
  startUsage: () => AnthropicUsageOut;
  /** assemble the answer for the response cache */
  assemble: boolean;
}

export interface DispatchedAnswer {
  answer: MessagesAnswer;
  /** a stream's first frames, read to know the upstream serves (null for JSON or an empty stream) */
  first: FrameBatch | null;
  target: UpstreamTarget;
}

async function attempt(call: MessagesDispatch, target: UpstreamTarget, signal: AbortSignalLike): Promise<MessagesAnswer> {
  const stream = call.request.stream === true;
  const context = { providerId: target.providerId };
  if (target.kind === "anthropic") {
    const upstream = anthropicCall({ target, path: "/v1/messages", request: call.request, client: call.client, signal, stream });
    if (!stream) return passthroughJson(await callUpstreamJson(upstream, context));
    return new PassthroughStream(await openUpstreamEventStream(upstream, context), context, call.assemble);
  }
  const { untranslatable } = call.canonical;
  if (untranslatable !== null) {
    throw new BadRequestError(
      `\`${untranslatable}\` has no equivalent outside Anthropic's API, and the model \`${call.request.model}\` is served by a ${target.kind} provider.`,
      untranslatable,
    );
  }
  const translation = { request: call.canonical.request, target, messageId: call.messageId, signal };
  if (!stream) return translatedJson(translation);
  return translatedStream({ ...translation, startUsage: call.startUsage(), assemble: call.assemble });
}

/** One attempt on `target`; a stream's first frames are read before it resolves. */
export async function attemptMessages(call: MessagesDispatch, target: UpstreamTarget, signal: AbortSignalLike): Promise<DispatchedAnswer> {
  const answer = await attempt(call, target, signal);
  if (!answer.stream) return { answer, first: null, target };
  try {
    return { answer, first: await answer.next(), target };
  } catch (error) {
    answer.cancel();
    throw error;
  }
}
