export const dynamic = "force-dynamic";
export { DELETE } from "@/lib/rate-limits/rate-limit-route";
