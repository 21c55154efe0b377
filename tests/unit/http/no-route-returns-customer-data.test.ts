import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// R1 at the code level, beside the OpenAPI check of every response schema (openapi-document.test.ts): which handler
// modules can reach the customer data source or the collection code at all, through their imports.
const root = path.resolve(__dirname, "../../..");
const DATA_SOURCE = "shared/ports/customer-data-source.ts";
const COLLECTION = "shared/collection/";
const SCOPE_PREVIEW = "shared/review/evidence/scope-preview.ts";
const REVIEW_EVIDENCE = "shared/review/evidence/review-evidence.ts";

function importsOf(file: string): string[] {
  const text = readFileSync(path.join(root, file), "utf8");
  const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)].map((m) => m[1]!);
  return specs.flatMap((spec) => {
    const base = path.relative(root, path.resolve(path.dirname(path.join(root, file)), spec));
    const found = [`${base}.ts`, `${base}/index.ts`, base].find((candidate) => candidate.endsWith(".ts") && existsSync(path.join(root, candidate)));
    return found === undefined ? [] : [found];
  });
}

/** Every module a handler reaches through relative imports, not entering the wiring (shared/composition) or `stop`. */
function reach(file: string, stop: (f: string) => boolean): Set<string> {
  const seen = new Set<string>();
  const queue = [file];
  while (queue.length > 0) {
    const next = queue.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    if (next !== file && (next.startsWith("shared/composition/") || stop(next))) continue;
    queue.push(...importsOf(next));
  }
  return seen;
}

const handlers = ["functions/handlers", "activities/handlers"].flatMap((dir) =>
  readdirSync(path.join(root, dir)).filter((f) => f.endsWith(".ts")).map((f) => `${dir}/${f}`),
);
const readsCustomerData = (modules: Set<string>) => [...modules].filter((m) => m === DATA_SOURCE || m.startsWith(COLLECTION));

describe("R1: no route returns customer data", () => {
  it("finds the handlers (the check looks at something)", () => {
    expect(handlers.length).toBeGreaterThan(20);
    expect(reach("functions/handlers/review-page-handler.ts", () => false).has(DATA_SOURCE)).toBe(true);
  });

  it("R1: no handler reaches the customer data source or collection, except disclosure and the review page's listing-only preview", () => {
    for (const handler of handlers) {
      const modules = reach(handler, (m) => m === REVIEW_EVIDENCE || m === SCOPE_PREVIEW || m.startsWith("shared/disclosure/"));
      expect(readsCustomerData(modules), handler).toEqual([]);
    }
  });

  it("R1: the review page's scope preview only lists items (counts and sizes), never opens one", () => {
    const text = readFileSync(path.join(root, SCOPE_PREVIEW), "utf8");
    expect(text).toContain("dataSource.listItems(");
    expect(text).not.toMatch(/\.open\(/);
    expect(text).not.toMatch(/\bcollect(Scope|Items)\b/);
    // The review evidence only hands the source on to the preview.
    const evidence = readFileSync(path.join(root, REVIEW_EVIDENCE), "utf8");
    expect(evidence).not.toMatch(/listItems|\.open\(/);
  });

  it("R1: only the disclose activity reaches the disclosure service that collects and seals", () => {
    const SEALING = ["shared/ports/disclosure-service.ts", "shared/disclosure/sealing-disclosure-service.ts", "shared/disclosure/seal-tenant-package.ts"];
    const reachers = handlers.filter((h) => [...reach(h, () => false)].some((m) => SEALING.includes(m)));
    expect(reachers).toEqual(["activities/handlers/disclose.ts"]);
  });
});
