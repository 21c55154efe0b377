import { describe, expect, it } from "vitest";
import { makeSubmitDemandHandler } from "../../../functions/handlers/submit-demand-handler";
import { aSubmission } from "../../support/builders";
import { aContext, aJsonPost } from "../../support/http";
import { makeIntakeFixture } from "./intake-fixture";

/*
 * The scan purges a finished lifecycle's durable history after its retention; the instance is then unknown to the
 * durable client, and starting one with the demand's id would run a closed demand's lifecycle again.
 */
describe("durable: a replayed intake of a demand whose lifecycle ran", () => {
  it("durable: does not start a lifecycle again (its finished instance may have been purged)", async () => {
    const fixture = await makeIntakeFixture();
    const headers = { authorization: `Bearer ${fixture.credential}`, "idempotency-key": "replay-after-purge-1" };
    const submit = () => makeSubmitDemandHandler(async () => fixture.deps)(aJsonPost(aSubmission(), headers), aContext());
    expect((await submit()).status).toBe(202);
    const [id] = [...fixture.lifecycle.started];
    const found = (await fixture.demands.get(id!))!;
    await fixture.demands.replace({ ...found.record, status: "closed", closedAt: "2026-06-01T00:00:00.000Z" }, found.etag);
    fixture.lifecycle.started.clear(); // purged: no instance any more
    expect((await submit()).status).toBe(202);
    expect(fixture.lifecycle.started.size).toBe(0);
  });
});
