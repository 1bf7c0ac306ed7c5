// Anthropic Messages request → the gateway's canonical form (OpenAI's chat format), the inverse of
// providers/anthropic-request.ts. The canonical form is what the gateway counts for quotas, what the
// response cache keys on, and what goes to OpenAI, Gemini and OpenAI-compatible upstreams through
// their adapters. An Anthropic upstream gets the original body instead (passthrough.ts).
//
// Some of Anthropic's format has no OpenAI form (documents that are not plain text, server tools and
// their results, search results, files, MCP servers…). Such a request is still translated as well as
// possible, for counting, and `untranslatable` names the first such field: it can go to an Anthropic
// upstream only, and is never cached.
import type { ChatCompletionRequest, ChatContentPart, ChatMessage, ToolCall } from "../../openai-format/types";
import type { AnthropicBlockParam, AnthropicMessageParam, AnthropicMessagesRequest } from "./messages-request";

export interface CanonicalForm {
  request: ChatCompletionRequest;
  /** the first field (a path) that has no OpenAI form; null when the whole request translates */
  untranslatable: string | null;
  /**
   * true when every field is one the canonical form carries exactly (cache_control markers and
   * metadata aside, which do not change the answer): only then may the response cache serve it.
   */
  cacheable: boolean;
}

/** Top-level fields the canonical form carries (or that never change the answer). */
const CARRIED = new Set(["model", "messages", "system", "max_tokens", "stop_sequences", "stream", "temperature", "top_p", "tools", "tool_choice", "metadata", "cache_control"]);
/** Top-level fields that change what the upstream does and that no other provider offers. */
const ANTHROPIC_ONLY = ["mcp_servers", "container", "output_format", "output_config"];

class Translation {
  untranslatable: string | null = null;

  refuse(path: string): void {
    this.untranslatable ??= path;
  }
}

/** Nested text of a block nobody else understands, so it still weighs in the token count. */
function textInside(value: unknown): string {
  if (typeof value === "string") return value;
  const pieces: unknown[] = [];
  if (Array.isArray(value)) pieces.push(...value);
  else if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    const source = record.source as { type?: unknown; data?: unknown; content?: unknown } | undefined;
    // Base64 payloads (PDFs, images) are not text: they are left out rather than counted as text.
    pieces.push(record.title, record.text, record.content, source?.type === "text" ? source.data : source?.content);
  }
  return pieces.map(textInside).filter(Boolean).join("\n");
}

function imagePart(block: AnthropicBlockParam, path: string, t: Translation): ChatContentPart {
  const source = block.source as { type?: string; media_type?: string; data?: string; url?: string } | undefined;
  if (source?.type === "base64" && typeof source.data === "string") {
    return { type: "image_url", image_url: { url: `data:${source.media_type ?? "image/png"};base64,${source.data}` } };
  }
  if (source?.type === "url" && typeof source.url === "string") return { type: "image_url", image_url: { url: source.url } };
  t.refuse(`${path}.source`);
  // Counted like any image (a flat estimate); never sent anywhere in this form.
  return { type: "image_url", image_url: { url: "data:application/octet-stream;base64," } };
}

/** One user-side content block as OpenAI content parts (tool results are handled by the caller). */
function userPart(block: AnthropicBlockParam, path: string, t: Translation): ChatContentPart | null {
  switch (block.type) {
    case "text":
      return typeof block.text === "string" && block.text !== "" ? { type: "text", text: block.text } : null;
    case "image":
      return imagePart(block, path, t);
    case "document": {
      const source = block.source as { type?: string; data?: unknown } | undefined;
      // A plain-text document is text; a PDF, a URL or a file has no form other providers read here.
      if (source?.type !== "text") t.refuse(`${path}.source`);
      const text = textInside(block);
      return text ? { type: "text", text } : null;
    }
    default: {
      t.refuse(`${path}.type`);
      const text = textInside(block);
      return text ? { type: "text", text } : null;
    }
  }
}

function toolResultMessages(block: AnthropicBlockParam, path: string, t: Translation, images: ChatContentPart[]): ChatMessage {
  const { content } = block;
  let text = "";
  if (typeof content === "string") text = content;
  else if (Array.isArray(content)) {
    (content as AnthropicBlockParam[]).forEach((inner, index) => {
      const part = userPart(inner, `${path}.content.${index}`, t);
      if (!part) return;
      // OpenAI tool messages carry text only: images a tool returned follow in a user message.
      if (part.type === "image_url") images.push(part);
      else text += (text ? "\n" : "") + (part.text ?? "");
    });
  }
  return { role: "tool", tool_call_id: String(block.tool_use_id ?? ""), content: text };
}

function userMessages(message: AnthropicMessageParam, path: string, t: Translation): ChatMessage[] {
  if (typeof message.content === "string") return [{ role: "user", content: message.content }];
  const out: ChatMessage[] = [];
  const parts: ChatContentPart[] = [];
  const toolImages: ChatContentPart[] = [];
  message.content.forEach((block, index) => {
    const blockPath = `${path}.content.${index}`;
    if (block.type === "tool_result") out.push(toolResultMessages(block, blockPath, t, toolImages));
    else {
      const part = userPart(block, blockPath, t);
      if (part) parts.push(part);
    }
  });
  const all = [...toolImages, ...parts];
  if (all.length > 0) out.push({ role: "user", content: all });
  return out;
}

function assistantMessage(message: AnthropicMessageParam, path: string, t: Translation): ChatMessage | null {
  if (typeof message.content === "string") return { role: "assistant", content: message.content };
  let text = "";
  const toolCalls: ToolCall[] = [];
  message.content.forEach((block, index) => {
    if (block.type === "text" && typeof block.text === "string") text += block.text;
    else if (block.type === "tool_use") {
      toolCalls.push({ id: String(block.id ?? ""), type: "function", function: { name: String(block.name ?? ""), arguments: JSON.stringify(block.input ?? {}) } });
    } else if (block.type !== "thinking" && block.type !== "redacted_thinking") {
      // Earlier turns' thinking has no OpenAI form and no other provider needs it: dropped. Server
      // tool calls and their results cannot be replayed to another provider.
      t.refuse(`${path}.content.${index}.type`);
      text += textInside(block);
    }
  });
  if (text === "" && toolCalls.length === 0) return null;
  const out: ChatMessage = { role: "assistant", content: text === "" ? null : text };
  if (toolCalls.length > 0) out.tool_calls = toolCalls;
  return out;
}

function systemMessage(system: AnthropicMessagesRequest["system"]): ChatMessage | null {
  if (typeof system === "string") return system === "" ? null : { role: "system", content: system };
  if (!Array.isArray(system)) return null;
  const parts: ChatContentPart[] = [];
  for (const block of system) if (typeof block.text === "string" && block.text !== "") parts.push({ type: "text", text: block.text });
  return parts.length > 0 ? { role: "system", content: parts } : null;
}

function tools(request: AnthropicMessagesRequest, t: Translation): ChatCompletionRequest["tools"] {
  return request.tools?.map((tool, index) => {
    // Server tools (web search, code execution, computer use…) run at Anthropic: nothing else has them.
    if (tool.type !== undefined && tool.type !== "custom") t.refuse(`tools.${index}.type`);
    return {
      type: "function" as const,
      function: {
        name: tool.name,
        ...(typeof tool.description === "string" ? { description: tool.description } : {}),
        parameters: tool.input_schema ?? { type: "object", properties: {} },
      },
    };
  });
}

function toolChoice(choice: AnthropicMessagesRequest["tool_choice"]): unknown {
  switch (choice?.type) {
    case "auto":
      return "auto";
    case "any":
      return "required";
    case "none":
      return "none";
    case "tool":
      return { type: "function", function: { name: choice.name } };
    default:
      return undefined;
  }
}

export function toCanonicalRequest(request: AnthropicMessagesRequest): CanonicalForm {
  const t = new Translation();
  for (const field of ANTHROPIC_ONLY) if (request[field] !== undefined && request[field] !== null) t.refuse(field);
  const messages: ChatMessage[] = [];
  const system = systemMessage(request.system);
  if (system) messages.push(system);
  request.messages.forEach((message, index) => {
    const path = `messages.${index}`;
    if (message.role === "user") messages.push(...userMessages(message, path, t));
    else {
      const assistant = assistantMessage(message, path, t);
      if (assistant) messages.push(assistant);
    }
  });
  const canonical: ChatCompletionRequest = { model: request.model, messages };
  if (request.max_tokens !== undefined) canonical.max_tokens = request.max_tokens;
  if (request.stream === true) canonical.stream = true;
  if (request.temperature !== undefined) canonical.temperature = request.temperature;
  if (request.top_p !== undefined) canonical.top_p = request.top_p;
  if (request.stop_sequences?.length) canonical.stop = request.stop_sequences;
  if (request.tools?.length) {
    canonical.tools = tools(request, t);
    const choice = toolChoice(request.tool_choice);
    if (choice !== undefined) canonical.tool_choice = choice;
    if (request.tool_choice?.disable_parallel_tool_use === true) canonical.parallel_tool_calls = false;
  }
  if (typeof request.metadata?.user_id === "string" && request.metadata.user_id !== "") canonical.user = request.metadata.user_id;
  let cacheable = t.untranslatable === null;
  for (const field in request) if (!CARRIED.has(field)) cacheable = false;
  return { request: canonical, untranslatable: t.untranslatable, cacheable };
}
