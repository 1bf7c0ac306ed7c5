// Prisma's DateTime text format on SQLite: ISO 8601 with an explicit "+00:00" offset. Every raw
// write and comparison on SQLite uses it (the usage and cache writer threads, retention, the
// rollup reads), since Prisma's own reads and range filters depend on that exact form.

export function sqliteDateTime(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}
