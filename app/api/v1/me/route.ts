export const dynamic = "force-dynamic";
export { GET } from "@/lib/self-service/me-route";
