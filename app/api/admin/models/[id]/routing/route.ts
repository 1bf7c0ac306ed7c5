export const dynamic = "force-dynamic";
export { GET, PUT } from "@/lib/models/routing-route";
