import { describe, expect, it } from "vitest";
import { makeSubmitDemandHandler } from "../../../functions/handlers/submit-demand-handler";
import type { DemandRecord } from "../../../shared/domain/demand-record";
import { aSubmission } from "../../support/builders";
import { aContext, aJsonPost } from "../../support/http";
import { makeIntakeFixture } from "./intake-fixture";

describe("intake: two identical submissions at once", () => {
  it("R5: one whose create fails transiently never removes the document the other one's stored demand points at", async () => {
    const fixture = await makeIntakeFixture();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    const create = fixture.demands.create.bind(fixture.demands);
    // The first create is slow to commit; the second fails as Cosmos DB may (a 503) before the first has committed.
    fixture.demands.create = async (record: DemandRecord) => {
      calls += 1;
      if (calls === 1) {
        await gate;
        return create(record);
      }
      throw new Error("ServiceUnavailable (503)");
    };
    const handler = makeSubmitDemandHandler(async () => fixture.deps);
    const headers = { authorization: `Bearer ${fixture.credential}`, "idempotency-key": "key-race-0001" };
    const slow = handler(aJsonPost(aSubmission(), headers), aContext());
    const failing = await handler(aJsonPost(aSubmission(), headers), aContext());
    expect(failing.status).toBe(500);
    release();
    expect((await slow).status).toBe(202);

    const [stored] = [...fixture.demands.items.values()];
    // The stored demand's legal process is what reviewers read and what the customer's notice carries.
    expect(await fixture.documents.get(stored!.record.document.blobName)).not.toBeNull();
    expect([...fixture.documents.items.keys()]).toEqual([stored!.record.document.blobName]);
  });
});
