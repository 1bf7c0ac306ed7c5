export const dynamic = "force-dynamic";
export { GET } from "@/lib/quotas/limits-route";
