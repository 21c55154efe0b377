import { describe, expect, it } from "vitest";
import type { ClassifiedTarget } from "../../../shared/domain/tenant";
import { deriveClosedDemandFacts } from "../../../shared/transparency/closed-demand-facts";
import { aDemandBody, aDemandRecord } from "../../support/builders";

const found = (overrides: Partial<ClassifiedTarget>): ClassifiedTarget => ({ type: "email", value: "x@y.example", found: true, enterprise: false, delinked: false, dataCountry: "US", ...overrides });

describe("R11: content stored outside the requester's country counts the disclosed accounts only", () => {
  it("an account a reviewer narrowed away, stored abroad, does not make a domestic content disclosure count as 'outside'", () => {
    const home = { type: "email" as const, value: "a@b.example" };
    const abroad = { type: "email" as const, value: "c@d.example" };
    const record = aDemandRecord({
      status: "closed",
      outcome: "disclosed_content",
      receivedAt: "2026-08-03T10:00:00.000Z",
      body: aDemandBody({ requester: { kind: "law_enforcement", country: "GB", jurisdiction: "GB", agency: "Agency" }, targets: [home, abroad] }),
      // The reviewer kept only the GB-stored account (R6); nothing stored in Ireland was collected or disclosed.
      approvedScope: { categories: ["content_mail"], targets: [home], dateRange: { from: "2026-01-01", to: "2026-03-31" } },
    });
    const classified = [found({ ...home, dataCountry: "GB" }), found({ ...abroad, dataCountry: "IE" })];
    expect(deriveClosedDemandFacts(record, classified).contentOutsideRequesterCountry).toBe(false);
  });
});
