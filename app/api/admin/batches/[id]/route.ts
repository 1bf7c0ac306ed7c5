export const dynamic = "force-dynamic";
export { getBatch as GET } from "@/lib/batches/admin-batches-route";
