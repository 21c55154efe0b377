/** Ids and identifier values that Cosmos DB cannot take as item ids as they are (/ \ # ?, too long, our own prefix). */
export const UNSAFE_IDS: readonly string[] = [
  "a/b",
  "a\\b",
  "a#b@outlook.example",
  "what?",
  "203.0.113.0/24",
  "%zz",
  "a%2Fb",
  "../etc/passwd",
  " padded ",
  "~h.not-a-hash",
  "ünïcödé-ключ",
  "x".repeat(300),
];
