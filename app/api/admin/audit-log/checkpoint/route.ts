export const dynamic = "force-dynamic";
export { GET } from "@/lib/audit/audit-checkpoint-route";
