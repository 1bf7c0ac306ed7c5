// A small built-in list of passwords that appear near the top of every published breach corpus,
// restricted to ones at least 8 characters long (shorter ones fail the length rule anyway), plus
// a few a Tollgate operator is likely to try. Compared case-insensitively after trimming. It is a
// floor, not a breach check: it stops the obvious choices without sending anything anywhere.
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  "password", "password1", "password12", "password123", "password1234", "password12345", "passw0rd", "p@ssw0rd",
  "p@ssword", "p@ssword1", "passwordpassword", "mypassword", "changeme", "changeme123", "changeit", "letmein",
  "letmein123", "welcome1", "welcome123", "welcome2024", "welcome2025", "welcome2026", "iloveyou", "iloveyou1",
  "sunshine", "sunshine1", "princess", "princess1", "football", "football1", "baseball", "superman", "starwars",
  "trustno1", "whatever", "dragon123", "master123", "monkey123", "shadow123", "qwerty123", "qwerty1234",
  "qwertyuiop", "qwertyuiop123", "asdfghjkl", "asdfasdf", "zxcvbnm123", "1q2w3e4r", "1q2w3e4r5t", "1qaz2wsx",
  "1qaz2wsx3edc", "zaq12wsx", "abc12345", "abcd1234", "abcdefgh", "aa123456", "a1b2c3d4", "12345678",
  "123456789", "1234567890", "12345678910", "123456789012", "1234567890123", "0987654321", "11111111",
  "111111111", "1111111111", "00000000", "000000000", "88888888", "87654321", "11223344", "12341234",
  "123123123", "123321123", "987654321", "1234qwer", "qwer1234", "admin123", "admin1234", "administrator",
  "adminadmin", "rootroot", "root1234", "secret123", "default", "computer", "internet", "football123",
  "michael1", "jennifer", "jordan23", "liverpool", "chelsea1", "pokemon1", "minecraft", "samsung1",
  "tollgate", "tollgate1", "tollgate123", "tollgate-admin", "correcthorsebatterystaple",
]);
