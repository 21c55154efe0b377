import { describe, expect, it } from "vitest";
import { makeSubmitDemandHandler } from "../../../functions/handlers/submit-demand-handler";
import { evaluateDemand } from "../../../shared/domain/policy";
import { aSubmission } from "../../support/builders";
import { aContext, aJsonPost, jsonOf } from "../../support/http";
import { baseline } from "../policy/demand-builder";
import { makeIntakeFixture } from "./intake-fixture";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

// R2: a demand is rejected as "data type not supported by the order" when no category remains; R11: every demand
// received, rejected ones included, is recorded, told and counted. A demand that names no category is readable (the
// field is there, a list, of the right type) and legally defective, like one that names no identifier: it belongs on the
// recorded-and-rejected side of the intake boundary, not a 400 that leaves no trace.
describe("R2/R11 a demand naming no data category", () => {
  it("is recorded, its lifecycle started, and rejected as data type not supported", async () => {
    const fixture = await makeIntakeFixture();
    const handler = makeSubmitDemandHandler(async () => fixture.deps);
    const submission = structuredClone(aSubmission()) as Json;
    submission.categories = [];
    const response = await handler(aJsonPost(submission, { authorization: `Bearer ${fixture.credential}`, "idempotency-key": "key-no-categories-1" }), aContext());
    expect(response.status).toBe(202);
    const body = jsonOf(response);
    expect(body.status).toBe("rejected");
    expect((body.rejection as { reason: string }[]).map((r) => r.reason)).toContain("data_type_not_supported");
    expect(fixture.demands.items.size).toBe(1);
    expect(fixture.lifecycle.started.size).toBe(1);
  });

  it("is never rejected without a reason by the policy", () => {
    const s = baseline();
    s.body.categories = [];
    const decision = evaluateDemand(s.body, s.ctx);
    expect(decision.decision).toBe("reject");
    expect(decision.decision === "reject" ? decision.findings.map((f) => f.reason) : []).toEqual(["data_type_not_supported"]);
  });
});
