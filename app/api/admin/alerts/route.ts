export const dynamic = "force-dynamic";
export { GET } from "@/lib/alerts/alerts-route";
