export const dynamic = "force-dynamic";
export { GET, POST } from "@/lib/models/models-route";
