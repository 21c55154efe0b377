import { describe, expect, it } from "vitest";
import { narrowScope, scopeForReview, type DisclosureScope } from "../../../shared/domain/lifecycle/scope";
import { identifierKey } from "../../../shared/domain/tenant";
import { checkIdentifiers } from "../../../shared/domain/policy/checks/check-identifiers";
import type { PolicyCheckInput } from "../../../shared/domain/policy/checks/policy-check";

// Account ids are case-sensitive (docs/customer-data.md: "Ids differing only in case are different accounts"; the
// directory looks them up by identifierKey, which keeps their case), so a demand may lawfully name both.
const upper = { type: "account_id" as const, value: "AbC-123456" };
const lower = { type: "account_id" as const, value: "abc-123456" };
const scope: DisclosureScope = { categories: ["content_mail"], targets: [upper, lower], dateRange: { from: "2026-01-01", to: "2026-06-30" } };

describe("narrowScope (R6): identifiers are told apart as the directory tells them apart", () => {
  it("the two ids are distinct identifiers to intake and to the directory", () => {
    expect(identifierKey(upper.type, upper.value)).not.toBe(identifierKey(lower.type, lower.value));
    expect(checkIdentifiers({ body: { targets: [upper, lower] } } as unknown as PolicyCheckInput)).toEqual([]);
  });

  it("a reviewer who keeps only identifier #1 does not also keep an account id differing from it only in case", () => {
    const narrowed = narrowScope(scope, { targets: [0] }, scope.targets);
    expect(narrowed.targets).toEqual([upper]);
  });

  it("the next round's review page shows only the identifiers still in scope", () => {
    expect(scopeForReview({ ...scope, targets: [upper] }, scope.targets).targets).toEqual([0]);
  });
});
