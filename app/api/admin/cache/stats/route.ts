export const dynamic = "force-dynamic";
export { GET } from "@/lib/cache/stats-route";
