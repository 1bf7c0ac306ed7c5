export const dynamic = "force-dynamic";
export { GET, PATCH } from "@/lib/models/deployment-route";
