export const dynamic = "force-dynamic";
export { POST } from "@/lib/audit/audit-reseal-route";
