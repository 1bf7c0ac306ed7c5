export const dynamic = "force-dynamic";
export { POST } from "@/lib/alerts/alert-rule-test-route";
