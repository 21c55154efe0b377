import { describe, expect, it } from "vitest";
import { makeSubmitDemandHandler } from "../../../functions/handlers/submit-demand-handler";
import { DemandRecord } from "../../../shared/domain/demand-record";
import { aDemandRecord, aSubmission } from "../../support/builders";
import { aContext, aJsonPost, jsonOf } from "../../support/http";
import { makeIntakeFixture } from "./intake-fixture";

/**
 * R5: who asked is the requester intake authenticated, not the agency the body types. Intake records the vetted
 * requester's name and country on the demand, so notices and reviewers name it even if the registry changes later.
 */
describe("intake records the vetted requester on the demand", () => {
  it("keeps the registry's name and country, whatever agency the body types", async () => {
    const fixture = await makeIntakeFixture();
    const submission = aSubmission();
    submission.requester.agency = "Federal Bureau of Investigation";
    const response = await makeSubmitDemandHandler(async () => fixture.deps)(
      aJsonPost(submission, { authorization: `Bearer ${fixture.credential}`, "idempotency-key": "key-00000001" }),
      aContext(),
    );
    expect(response.status).toBe(202);
    const stored = (await fixture.demands.get(String(jsonOf(response).id)))!.record;
    expect(stored.vettedRequester).toEqual({ name: "Example County Sheriff", country: "US" });
    expect(stored.body.requester.agency).toBe("Federal Bureau of Investigation");
    expect(DemandRecord.parse(stored).vettedRequester).toEqual({ name: "Example County Sheriff", country: "US" });
  });

  it("still reads a demand stored before the vetted requester was kept", () => {
    const { vettedRequester: _none, ...older } = aDemandRecord();
    expect(DemandRecord.parse(older).vettedRequester).toBeUndefined();
  });
});
