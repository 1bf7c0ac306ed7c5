export const dynamic = "force-dynamic";
export { GET } from "@/lib/usage/spend-route";
