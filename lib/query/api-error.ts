// The admin API reports failures as `{ error: { message, code, field? } }`; the playground endpoint
// as OpenAI's `{ error: { message, type, code } }`. Both become an ApiError so every page shows
// the server's message, and forms can put a 422's message next to the field it names.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string | null = null,
    readonly field: string | null = null,
    /** the gateway's x-request-id, for matching a failure to the logs */
    readonly requestId: string | null = null,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

interface ErrorBody {
  error?: { message?: unknown; code?: unknown; field?: unknown; param?: unknown };
}

function fallbackMessage(status: number): string {
  if (status === 401) return "Your session has expired. Sign in again.";
  if (status === 403) return "You do not have permission to do this.";
  if (status === 404) return "Not found.";
  if (status >= 500) return "The server failed to answer. Try again in a moment.";
  return `Request failed (${status}).`;
}

export async function apiErrorFromResponse(response: Response): Promise<ApiError> {
  let body: ErrorBody | null = null;
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    // Not JSON (a proxy error page, an empty body): fall back to a message by status.
  }
  const error = body?.error;
  const message = typeof error?.message === "string" && error.message ? error.message : fallbackMessage(response.status);
  const code = typeof error?.code === "string" ? error.code : null;
  const field = typeof error?.field === "string" ? error.field : typeof error?.param === "string" ? error.param : null;
  return new ApiError(response.status, message, code, field, response.headers.get("x-request-id"));
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return "Something went wrong.";
}

/**
 * The message for `field` when the error is about it (or a nested path of it, e.g. "models.0").
 * The API prefixes validation messages with the path ("email: Invalid email"); next to the field
 * that prefix is noise, so it is dropped.
 */
export function fieldErrorOf(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError) || !error.field) return undefined;
  if (error.field !== field && !error.field.startsWith(`${field}.`)) return undefined;
  const prefix = `${error.field}: `;
  return error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
}

/** The message to show above a form: any error that is not attached to one of the form's fields. */
export function formErrorOf(error: unknown, fields: readonly string[]): string | undefined {
  if (!error) return undefined;
  if (fields.some((field) => fieldErrorOf(error, field))) return undefined;
  return errorMessage(error);
}
