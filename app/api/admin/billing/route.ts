export const dynamic = "force-dynamic";
export { GET } from "@/lib/billing/billing-route";
