export const dynamic = "force-dynamic";
export { GET, PATCH, DELETE } from "@/lib/providers/provider-route";
