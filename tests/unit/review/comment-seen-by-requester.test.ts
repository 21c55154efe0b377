import { describe, expect, it } from "vitest";
import { makeReviewPageHandler } from "../../../functions/handlers/review-page-handler";
import { aContext } from "../../support/http";
import { aPageGet, aReviewedDemand, aReviewWorld } from "./review-fixture";

const ANA = "ana@compliance.example";

// A rejection's or challenge's comment reaches the requester, in its mail and its status (R3: it is told why); a
// refused "cannot redirect" reason's comment reaches its status. A reviewer who is not told so writes what the
// reviewers know about the customer into a letter to the agency.
describe("the review form's comment field", () => {
  it("says which decisions send the comment to the requester", async () => {
    const world = await aReviewWorld(aReviewedDemand());
    const { cookie } = await world.sessionFor(ANA);
    const response = await makeReviewPageHandler(world.resolve)(aPageGet(world.record.id, cookie, "review-1"), aContext());
    expect(response.status).toBe(200);
    const label = /<label for="comment">([^<]*)<\/label>/.exec(String(response.body))?.[1] ?? "";
    // Which decisions send it on, and that the requester receives it.
    expect(label).toMatch(/requester (receives|is sent|is told)/i);
    expect(label).toMatch(/reject[^;]*challenge[^;]*refuse[^;]*reason[^;]*requester (receives|is sent|is told)/i);
  });
});
