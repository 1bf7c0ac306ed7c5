// Reads the error object out of whatever an upstream sent: OpenAI `{error:{message,type,code}}`,
// Anthropic `{type:"error",error:{type,message}}`, Gemini `{error:{code,message,status,details}}`, and
// the shapes OpenAI-compatible servers use (`{error:"text"}` from Ollama, `{detail}` from FastAPI).

export interface UpstreamErrorInfo {
  message: string | null;
  /** A string code to hand to the client (OpenAI `code`, Anthropic `type`, Gemini `status`). */
  code: string | null;
  /** Anthropic's error type, used to infer a status inside a 200 stream */
  type?: string;
  /** HTTP status the upstream embedded in the body (Gemini `code`, some compatible servers) */
  status?: number;
  /** Gemini ErrorInfo reason, e.g. API_KEY_INVALID */
  reason?: string;
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function str(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * A code or type as an identifier ("context_length_exceeded", "RESOURCE_EXHAUSTED"). It becomes the
 * usage record's errorType, so anything else is dropped: a NUL or a megabyte from a broken upstream
 * would make the usage batch unstorable on PostgreSQL and stall every record behind it.
 */
function identifier(value: unknown): string | undefined {
  return typeof value === "string" && /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/.test(value) ? value : undefined;
}

function httpStatus(value: unknown): number | undefined {
  return typeof value === "number" && value >= 400 && value < 600 ? value : undefined;
}

function geminiReason(details: unknown): string | undefined {
  if (!Array.isArray(details)) return undefined;
  for (const detail of details) {
    const reason = str(asRecord(detail)?.reason);
    if (reason) return reason;
  }
  return undefined;
}

export function readUpstreamErrorBody(payload: unknown): UpstreamErrorInfo | null {
  // Gemini wraps errors in an array when answering a non-SSE stream request.
  const root = asRecord(Array.isArray(payload) ? payload[0] : payload);
  if (!root) return null;
  const error = root.error;
  if (typeof error === "string") return { message: error, code: null };
  const body = asRecord(error);
  if (!body) {
    const message = str(root.message) ?? str(root.detail);
    return message ? { message, code: identifier(root.code) ?? null } : null;
  }
  const type = identifier(body.type);
  return {
    message: str(body.message) ?? null,
    code: identifier(body.code) ?? identifier(body.status) ?? type ?? null,
    type,
    status: httpStatus(body.code),
    reason: geminiReason(body.details),
  };
}
