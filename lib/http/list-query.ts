// Server-side helpers for list endpoints: paging arguments and case-insensitive text search that
// works on both SQLite and PostgreSQL.
import { isPostgres } from "../db";

export type ListResult<T> = { data: T[]; total: number };

export function pageArgs(query: { page: number; pageSize: number }): { skip: number; take: number } {
  return { skip: (query.page - 1) * query.pageSize, take: query.pageSize };
}

/**
 * `contains` that ignores case. SQLite's LIKE already does (for ASCII) and rejects `mode`;
 * PostgreSQL needs `mode: "insensitive"`. Typed as the SQLite filter, which is what Db exposes.
 */
export function containsText(text: string): { contains: string } {
  return (isPostgres() ? { contains: text, mode: "insensitive" } : { contains: text }) as { contains: string };
}
