import { afterEach, describe, expect, it } from "vitest";
import { makeResumeDemandHandler } from "../../functions/handlers/resume-demand-handler";
import { LifecycleEvent } from "../../shared/domain/lifecycle/lifecycle-events";
import { aDemandRecord, TEST_NOW } from "../support/builders";
import { InMemoryDemandStore, RecordingLifecycle } from "../support/fakes";
import { aContext, aRequest } from "../support/http";
import { LifecycleHarness } from "../support/lifecycle-harness";
import { aDecision, aLifecycleDemand } from "../support/lifecycle-demands";

let harness: LifecycleHarness | undefined;
afterEach(() => harness?.dispose());

const ana = "ana@provider.example";

/** The step id of the latest parking, as the resume endpoint reads it from the demand's timeline. */
function latestParking(h: LifecycleHarness): string {
  return h.of("record").filter((r) => r.step === "needs operator").at(-1)!.stepId;
}

/*
 * An operator's resume raised twice for one parking (a double click, a client's retry, a raise delivered twice) must
 * run the failed step once: the second resume must not take the parking that the first resume's failed retry made.
 */
describe("R12: a resume is applied once per parking", () => {
  it("R12: two resumes of one parking, the step still failing: it runs again once and the demand is parked once more, not twice", async () => {
    const h = (harness = new LifecycleHarness(aLifecycleDemand({ reviewersRequired: 1 })));
    await h.start();
    h.failing.add("send_customer_notice");
    await h.raise(LifecycleEvent.reviewDecision, aDecision("approve", ana));
    await h.scan("PT10M");
    expect(h.steps().filter((s) => s === "needs operator")).toHaveLength(1);
    const parking = latestParking(h);
    h.raiseNoWait(LifecycleEvent.operatorResume, { operator: "administrator", parking });
    h.raiseNoWait(LifecycleEvent.operatorResume, { operator: "administrator", parking });
    await h.scan("PT30M");
    // The resume's batch (its record and the notice again) fails as a whole, so parkings are what can be counted.
    expect(h.steps().filter((s) => s === "needs operator")).toHaveLength(2);
    // A resume of the new parking runs it again.
    h.failing.clear();
    await h.raise(LifecycleEvent.operatorResume, { operator: "administrator", parking: latestParking(h) });
    expect(h.of("send_customer_notice")).toHaveLength(1);
    // The first resume's record failed with its batch and is written now, with this one's.
    expect(h.steps().filter((s) => s === "resumed")).toHaveLength(2);
    expect(h.steps().at(-1)).not.toBe("needs operator");
  });
});

describe("R12: the resume endpoint names the parking it resumes", () => {
  it("R12: it raises the resume with the id of the demand's latest needs_operator step", async () => {
    const record = aDemandRecord({ status: "needs_operator" });
    record.timeline.push(
      { id: `${record.id}:step:4`, at: TEST_NOW.toISOString(), step: "needs operator" },
      { id: `${record.id}:step:5`, at: TEST_NOW.toISOString(), step: "resumed" },
      { id: `${record.id}:step:6`, at: TEST_NOW.toISOString(), step: "needs operator" },
    );
    const demands = new InMemoryDemandStore();
    await demands.create(record);
    const lifecycle = new RecordingLifecycle();
    const handler = makeResumeDemandHandler(async () => ({ demands, lifecycle, now: () => TEST_NOW }));
    const response = await handler(aRequest({ method: "POST", params: { id: record.id } }), aContext());
    expect(response.status).toBe(202);
    expect(lifecycle.events).toEqual([{ demandId: record.id, name: LifecycleEvent.operatorResume, payload: { operator: "administrator", parking: `${record.id}:step:6` } }]);
  });
});
