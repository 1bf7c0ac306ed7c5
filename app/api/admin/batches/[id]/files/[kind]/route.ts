export const dynamic = "force-dynamic";
export { downloadBatchFile as GET } from "@/lib/batches/admin-batches-route";
