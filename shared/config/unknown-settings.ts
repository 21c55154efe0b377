import { distance as levenshtein } from "fastest-levenshtein";

/** Names read outside the config schema that share its prefixes: npm start's and the local host's own settings. */
const READ_ELSEWHERE = new Set(["STAFF_OIDC_PORT", "LOCAL_HOST_STATE_DIR", "LOCAL_HOST_ADMIN"]);

// First words too common for a namespace (a platform or shell may set KEY_…, DATA_…, PUBLIC_… or LOCAL_… of its own,
// and an app that refused to start on one would be down); near-misses of those settings are still caught.
const GENERIC_WORDS = new Set(["KEY", "DATA", "PUBLIC", "LOCAL"]);

/**
 * Settings that look meant for the app but that it does not read: a name in the app's namespace (the first word of a
 * setting it reads, e.g. SMTP_ or LIFECYCLE_) or a near-miss of one (case aside), each with the name it resembles.
 */
export function unknownSettingProblems(names: Iterable<string>, known: readonly string[]): string[] {
  const knownUpper = new Map(known.map((name) => [name.toUpperCase(), name]));
  const prefixes = new Set(known.map((name) => name.split("_")[0] ?? name).filter((word) => !GENERIC_WORDS.has(word)).map((word) => `${word}_`));
  const problems: string[] = [];
  for (const name of names) {
    if (known.includes(name) || READ_ELSEWHERE.has(name)) continue;
    const upper = name.toUpperCase();
    const sameButCase = knownUpper.get(upper);
    const nearest = sameButCase ?? nearestName(upper, [...knownUpper.keys()]);
    const inNamespace = [...prefixes].some((prefix) => upper.startsWith(prefix));
    if (sameButCase === undefined && nearest === undefined && !inNamespace) continue;
    const like = nearest === undefined ? "" : ` (did you mean ${knownUpper.get(nearest) ?? nearest}?)`;
    problems.push(`${name}: is not a setting the app reads${like}; a misspelt setting would leave the one meant at its default`);
  }
  return problems;
}

/** The known name within the allowed edits of `name` (one for short names, two from 12 characters; a swap of two letters is two), if any. */
function nearestName(name: string, known: string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    // Short names sit close to unrelated ones (HTTP_PORT is two edits from SMTP_PORT), so they allow one edit only.
    const allowed = Math.min(name.length, candidate.length) >= 12 ? 2 : 1;
    const distance = levenshtein(name, candidate);
    if (distance <= allowed && (best === undefined || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}
