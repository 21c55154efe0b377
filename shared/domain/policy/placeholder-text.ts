// Decision: stand-in answers that say nothing, compared with case, spaces and punctuation removed ("N/A" → "na").
const PLACEHOLDERS = new Set([
  "",
  "na",
  "none",
  "nil",
  "null",
  "tbd",
  "tba",
  "tbc",
  "todo",
  "unknown",
  "notapplicable",
  "seeattached",
  "seeabove",
  "seedocument",
  "placeholder",
  "test",
  "xxx",
  "blank",
  "nothing",
]);

/** True when a free-text answer is a placeholder such as "n/a" or "TBD" rather than an answer. */
export function isPlaceholderText(text: string): boolean {
  return PLACEHOLDERS.has(text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ""));
}
