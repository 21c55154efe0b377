/** Names read outside the config schema that share its prefixes: npm start's and the local host's own settings. */
const READ_ELSEWHERE = new Set(["STAFF_OIDC_PORT", "LOCAL_HOST_STATE_DIR", "LOCAL_HOST_ADMIN"]);

/**
 * Settings that look meant for the app but that it does not read: a name in the app's namespace (the first word of a
 * setting it reads, e.g. SMTP_ or LIFECYCLE_) or a near-miss of one (case aside), each with the name it resembles.
 */
export function unknownSettingProblems(names: Iterable<string>, known: readonly string[]): string[] {
  const knownUpper = new Map(known.map((name) => [name.toUpperCase(), name]));
  const prefixes = new Set(known.map((name) => `${name.split("_")[0] ?? name}_`));
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

/** The known name within the allowed edits of `name` (one for short names, two from 12 characters), if any. */
function nearestName(name: string, known: string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    // Short names sit close to unrelated ones (HTTP_PORT is two edits from SMTP_PORT), so they allow one edit only.
    const allowed = Math.min(name.length, candidate.length) >= 12 ? 2 : 1;
    const distance = editDistance(name, candidate);
    if (distance <= allowed && (best === undefined || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of adjacent letters. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number): number => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, at(i - 2, j - 2) + 1);
      const row = rows[i];
      if (row !== undefined) row[j] = value;
    }
  }
  return at(a.length, b.length);
}
