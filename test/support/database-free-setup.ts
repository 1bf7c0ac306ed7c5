// Setup of vitest's "database-free" project: a test listed in database-free-tests.ts that calls
// db() fails with a message that says what to do, rather than with a driver's connection error.
import { vi } from "vitest";

vi.mock(import("@/lib/db"), async (importOriginal) => ({
  ...(await importOriginal()),
  db: () => {
    throw new Error(
      "This test uses the database (lib/db.ts db()) but is listed in test/support/database-free-tests.ts, " +
        "which runs it without one: remove it from that list so that it runs on SQLite and PostgreSQL.",
    );
  },
}));
