import { db } from "../db";

// GET /api/health – 200 when the app can read its database, 503 otherwise (load balancers use it).
export async function GET(): Promise<Response> {
  const started = performance.now();
  try {
    await db().$queryRawUnsafe("SELECT 1");
    return Response.json(
      { status: "ok", database: "ok", latencyMs: Math.round(performance.now() - started) },
      { headers: { "cache-control": "no-store" } },
    );
  } catch {
    return Response.json(
      { status: "unavailable", database: "unreachable" },
      { status: 503, headers: { "cache-control": "no-store" } },
    );
  }
}
