export const dynamic = "force-dynamic";
export { GET_ME as GET } from "@/lib/quotas/limits-route";
