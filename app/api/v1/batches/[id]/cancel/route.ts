// POST /api/v1/batches/{id}/cancel – OpenAI's Batch API, as on the fast path (lib/batches/api-router.ts)
import { webRoute } from "@/lib/batches/web-routes";
export const dynamic = "force-dynamic";
const handler = webRoute("/batches/[id]/cancel");
export { handler as POST };
