export const dynamic = "force-dynamic";
export { GET, POST } from "@/lib/alerts/alert-rules-route";
