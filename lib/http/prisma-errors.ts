// Prisma errors come from two generated clients (SQLite and PostgreSQL), so `instanceof` against one
// of them misses the other's errors: recognise them by their stable error code instead.
import { ConflictError, NotFoundError } from "./errors";

function prismaCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && /^P\d{4}$/.test(code) ? code : undefined;
}

/** A unique constraint was violated (duplicate name, email…). */
export function isUniqueViolation(error: unknown): boolean {
  return prismaCode(error) === "P2002";
}

/** An update/delete `where` matched no row. */
export function isRecordNotFound(error: unknown): boolean {
  return prismaCode(error) === "P2025";
}

/**
 * Turns the two Prisma errors a mutation can expect into API errors and rethrows anything else.
 * Use as `.catch(rethrowAs({ conflict, notFound }))`.
 */
export function rethrowAs(messages: { conflict?: { message: string; field: string }; notFound?: string }) {
  return (error: unknown): never => {
    if (messages.conflict && isUniqueViolation(error)) {
      throw new ConflictError(messages.conflict.message, messages.conflict.field);
    }
    if (messages.notFound && isRecordNotFound(error)) throw new NotFoundError(messages.notFound);
    throw error;
  };
}
