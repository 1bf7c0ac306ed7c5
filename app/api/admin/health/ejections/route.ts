export const dynamic = "force-dynamic";
export { GET_EJECTIONS as GET } from "@/lib/routing/health-route";
