export const dynamic = "force-dynamic";
export { GET } from "@/lib/metrics/metrics-route";
