export const dynamic = "force-dynamic";
export { DELETE } from "@/lib/quotas/quota-route";
