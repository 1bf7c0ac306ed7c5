export const dynamic = "force-dynamic";
export { GET_DEPLOYMENTS as GET } from "@/lib/routing/health-route";
