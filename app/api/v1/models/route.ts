export const dynamic = "force-dynamic";
export { GET } from "@/lib/gateway/models-route";
