export const dynamic = "force-dynamic";
export { GET, PATCH, DELETE } from "@/lib/alerts/alert-rule-route";
