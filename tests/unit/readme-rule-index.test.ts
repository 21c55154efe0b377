import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");
const readme = readFileSync(path.join(root, "README.md"), "utf8");
const section = readme.slice(readme.indexOf("## Rule index"));
const rows = [...section.matchAll(/^\| (R\d+)\b[^|]*\|([^|]*)\|([^|]*)\|$/gm)].map((m) => ({
  rule: m[1]!,
  decided: [...m[2]!.matchAll(/`([^`]+)`/g)].map((f) => f[1]!),
  tested: [...m[3]!.matchAll(/`([^`]+)`/g)].map((f) => f[1]!),
}));

describe("the README's rule index", () => {
  it("has one row per rule R1–R13", () => {
    expect(rows.map((r) => r.rule)).toEqual(Array.from({ length: 13 }, (_, i) => `R${i + 1}`));
  });

  it.each(rows.map((r) => [r.rule, r] as const))("%s: names files that exist, and tests named with the rule's id", (rule, row) => {
    expect(row.decided.length).toBeGreaterThan(0);
    expect(row.tested.length).toBeGreaterThan(0);
    for (const file of [...row.decided, ...row.tested]) expect(existsSync(path.join(root, file)), file).toBe(true);
    // A test (it/describe, maybe .each) or an assertion message carrying the id, e.g. "R11: …" or "… (R11)".
    const named = new RegExp(`(?:\\b(?:it|describe|test)(?:\\.each\\([^)]*\\))?\\(\\s*|expect\\([^)]*,\\s*)[\`"'][^\`"']*\\b${rule}\\b`);
    const withId = row.tested.filter((file) => named.test(readFileSync(path.join(root, file), "utf8")));
    expect(withId, `a test named with ${rule}`).toEqual(row.tested);
  });
});
