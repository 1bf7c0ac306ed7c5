export const dynamic = "force-dynamic";
export { GET } from "@/lib/openapi/openapi-route";
