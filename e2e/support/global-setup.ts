// Refuses to run against anything but the local, throwaway database the webServer created.
export default async function globalSetup(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (url && !/^file:\.\/data\/|127\.0\.0\.1|localhost/.test(url)) {
    throw new Error(`e2e tests refuse a non-local DATABASE_URL: ${url}`);
  }
}
