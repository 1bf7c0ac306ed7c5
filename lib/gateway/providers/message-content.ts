// Reading OpenAI message content the same way for every provider that needs translation.
import { BadRequestError } from "@/lib/http/errors";
import type { ChatContentPart, ChatMessage } from "@/lib/openai-format/types";

/** The text of a message: a string, or its text parts joined (other part kinds are ignored here). */
export function messageText(content: ChatMessage["content"]): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  let text = "";
  for (const part of content) if (part.type === "text" && typeof part.text === "string") text += part.text;
  return text;
}

export interface InlineImage {
  mediaType: string;
  base64: string;
}

/** `data:image/png;base64,AAAA` → its media type and payload; null for any other URL. */
export function parseDataUrl(url: string): InlineImage | null {
  if (!url.startsWith("data:")) return null;
  const comma = url.indexOf(",");
  const header = url.slice(5, comma);
  if (comma < 0 || !header.endsWith(";base64")) {
    throw new BadRequestError("Image data URLs must be base64-encoded (data:<type>;base64,<data>).", "messages");
  }
  return { mediaType: header.slice(0, -";base64".length) || "application/octet-stream", base64: url.slice(comma + 1) };
}

export function imageUrlOf(part: ChatContentPart): string {
  const url = part.image_url?.url;
  if (typeof url !== "string" || url === "") throw new BadRequestError("An image_url part has no url.", "messages");
  return url;
}

/** Tool call arguments are a JSON string in OpenAI's format and an object everywhere else. */
export function parseToolArguments(args: string): Record<string, unknown> {
  if (args.trim() === "") return {};
  try {
    const value: unknown = JSON.parse(args);
    if (value !== null && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new BadRequestError("Tool call arguments must be a JSON object encoded as a string.", "messages");
}

export function unsupportedPart(provider: string, type: string): BadRequestError {
  return new BadRequestError(`Content parts of type "${type}" are not supported for ${provider} models.`, "messages");
}
