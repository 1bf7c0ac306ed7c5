export const dynamic = "force-dynamic";
export { GET, PUT, DELETE } from "@/lib/rate-limits/rate-limits-route";
