// A hand-written check of the chat request shape that validate.ts's zod schema accepts, for the
// common case only: it answers true when the schema certainly accepts the body, and false for
// anything it is not sure of, which then goes through zod (so every 400 keeps zod's message and
// `param`). zod's safeParse was about 4 % of the proxy's main-thread time per call (it copies every
// loose object it checks); these few typeof checks cost well under a microsecond.
// chat-request-shape.test.ts checks, against the schema itself, that nothing the schema refuses passes here.

type Fields = Record<string, unknown>;

/** validate.ts's RequestLimits (not imported: validate.ts imports this file). */
interface Limits {
  maxMessages: number;
  maxTokens: number;
}

function isObject(value: unknown): value is Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** zod's `.int()`: a safe integer. */
function isTokenCount(value: unknown, max: number): boolean {
  return value == null || (typeof value === "number" && Number.isSafeInteger(value) && value > 0 && value <= max);
}

function isInRange(value: unknown, min: number, max: number): boolean {
  return value == null || (typeof value === "number" && value >= min && value <= max);
}

function isContent(content: unknown): boolean {
  if (content == null || typeof content === "string") return true;
  if (!Array.isArray(content)) return false;
  for (let i = 0; i < content.length; i++) {
    const part: unknown = content[i];
    if (!isObject(part) || typeof part.type !== "string") return false;
  }
  return true;
}

function isMessages(messages: unknown, maxMessages: number): boolean {
  if (!Array.isArray(messages) || messages.length === 0 || messages.length > maxMessages) return false;
  for (let i = 0; i < messages.length; i++) {
    const message: unknown = messages[i];
    if (!isObject(message)) return false;
    const { role } = message;
    if (typeof role !== "string" || role.length === 0 || !isContent(message.content)) return false;
  }
  return true;
}

function isTools(tools: unknown): boolean {
  if (tools === undefined) return true;
  if (!Array.isArray(tools)) return false;
  for (let i = 0; i < tools.length; i++) {
    const tool: unknown = tools[i];
    if (!isObject(tool) || typeof tool.type !== "string") return false;
    const fn = tool.function;
    if (!isObject(fn) || typeof fn.name !== "string" || fn.name.length === 0) return false;
  }
  return true;
}

/** True only when validate.ts's chat schema accepts `body` (an object, not an array); false = ask zod. */
export function isWellFormedChatRequest(body: Fields, limits: Limits): boolean {
  const { model, stream, n, stream_options: streamOptions } = body;
  return (
    typeof model === "string" &&
    model.length > 0 &&
    isMessages(body.messages, limits.maxMessages) &&
    (stream == null || typeof stream === "boolean") &&
    isTokenCount(body.max_tokens, limits.maxTokens) &&
    isTokenCount(body.max_completion_tokens, limits.maxTokens) &&
    (n == null || (typeof n === "number" && Number.isSafeInteger(n) && n >= 1 && n <= 128)) &&
    isInRange(body.temperature, 0, 2) &&
    isInRange(body.top_p, 0, 1) &&
    (streamOptions == null || (isObject(streamOptions) && (streamOptions.include_usage === undefined || typeof streamOptions.include_usage === "boolean"))) &&
    isTools(body.tools)
  );
}
