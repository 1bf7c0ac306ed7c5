// POST and GET /api/v1/files – OpenAI's Files API, as on the fast path (lib/batches/api-router.ts)
import { webRoute } from "@/lib/batches/web-routes";
export const dynamic = "force-dynamic";
const handler = webRoute("/files");
export { handler as POST, handler as GET };
