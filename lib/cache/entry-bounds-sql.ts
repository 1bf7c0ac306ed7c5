// Which of an organization's cache entries its bounds leave out: the newest entries (by lastUsedAt)
// are kept while both bounds hold, counted from the newest, which is what deleting the least recently
// used one by one until both hold leaves. One query for both databases (the SQLite writer's thread
// and the PostgreSQL sink, entry-sql.ts); only their parameter placeholders differ.

/** `params`: the placeholders of the organization's id, maxEntries and maxBytes (`?` or `$1`…). */
export function pastBoundsQuery(params: readonly [orgId: string, maxEntries: string, maxBytes: string]): string {
  const [orgId, maxEntries, maxBytes] = params;
  return `SELECT "id", "key", "orgId" FROM (
  SELECT "id", "key", "orgId", ROW_NUMBER() OVER w AS "rank", SUM("bytes") OVER w AS "running"
  FROM "CacheEntry" WHERE "orgId" = ${orgId} WINDOW w AS (ORDER BY "lastUsedAt" DESC, "id" DESC)
) ranked WHERE "rank" > ${maxEntries} OR "running" > ${maxBytes}`;
}
