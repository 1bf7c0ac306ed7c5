export const dynamic = "force-dynamic";
export { GET } from "@/lib/batches/admin-batches-route";
