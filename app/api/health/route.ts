export const dynamic = "force-dynamic";
export { GET } from "@/lib/health/health-route";
