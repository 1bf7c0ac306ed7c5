// Environment every test process gets unless the caller set its own (scripts/test.mjs, a shell).
export const TEST_SECRET = "test-secret-test-secret-test-secret-0123";
export const TEST_LOG_LEVEL = "silent";
