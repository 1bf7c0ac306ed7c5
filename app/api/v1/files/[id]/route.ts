// GET and DELETE /api/v1/files/{id} – OpenAI's Files API, as on the fast path (lib/batches/api-router.ts)
import { webRoute } from "@/lib/batches/web-routes";
export const dynamic = "force-dynamic";
const handler = webRoute("/files/[id]");
export { handler as GET, handler as DELETE };
