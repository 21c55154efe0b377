import { describe, expect, it } from "vitest";
import { DemandBody } from "../../../shared/domain/demand";
import { evaluateDemand } from "../../../shared/domain/policy";
import { baseline, evaluate, planOf } from "./demand-builder";

describe("evaluateDemand baseline", () => {
  it("builds a body the DemandBody schema accepts", () => {
    expect(DemandBody.safeParse(baseline().body).success).toBe(true);
  });

  it("lets the valid baseline proceed with the full plan", () => {
    expect(evaluate(baseline())).toEqual({
      decision: "proceed",
      plan: {
        allowedCategories: ["subscriber_info", "content_mail"],
        refusedCategories: [],
        redirect: false,
        reviewersRequired: 2,
        notice: { kind: "notify" },
        emergency: null,
        preserveOnly: false,
        reimbursementAllowed: true,
        conflictOfLaws: null,
        targetsFound: 1,
      },
    });
  });

  it("counts only found targets", () => {
    const s = baseline();
    s.body.targets.push({ type: "phone", value: "+14255550100" });
    s.ctx.targets.push({ type: "phone", value: "+14255550100", found: false, enterprise: false, delinked: false });
    expect(planOf(evaluate(s)).targetsFound).toBe(1);
  });

  it("refuses a context whose targets do not match the demand's", () => {
    const s = baseline();
    s.ctx.targets = [];
    expect(() => evaluateDemand(s.body, s.ctx)).toThrow(RangeError);
  });

  it("reads today as the UTC date of now, whatever the offset", () => {
    const s = baseline();
    s.body.legalProcess.issuedOn = "2025-06-16";
    s.ctx.now = "2025-06-15T23:30:00-02:00"; // 2025-06-16T01:30Z
    expect(evaluate(s).decision).toBe("proceed");
  });
});
