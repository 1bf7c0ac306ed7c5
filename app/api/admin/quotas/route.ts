export const dynamic = "force-dynamic";
export { GET, PUT, DELETE } from "@/lib/quotas/quotas-route";
