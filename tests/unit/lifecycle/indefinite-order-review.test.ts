import { describe, expect, it } from "vitest";
import { isoDurationMs } from "../../../shared/domain/iso-duration";
import { TEST_SETTINGS } from "../../support/lifecycle-harness";
import { aLifecycleDemand, anOrder, DeciderRun } from "../../support/lifecycle-demands";

/**
 * R9: an order with no end date is put up for review (and a challenge) at a fixed interval while it holds a notice back.
 * An enterprise demand filed with such an order holds the redirect's notice back from intake; the lifecycle only acts
 * when its stored wake comes (the scan), so the review must be on that wake even while reviewers keep a round waiting.
 */

const START = Date.parse("2026-11-21T12:00:00.000Z");
const iso = (ms: number) => new Date(ms).toISOString();

describe("R9: an open-ended order that holds a redirect's notice back", () => {
  it.each([
    ["the requester never answers the redirect", false],
    ["the redirect's reason waits on reviewers", true],
  ])("R9: is put up for review one interval after intake: %s", (_name, cannotRedirect) => {
    const run = new DeciderRun(TEST_SETTINGS);
    run.feed({ type: "started", at: iso(START), demand: aLifecycleDemand({ redirect: true, reviewersRequired: 1 }, { secrecyOrders: [anOrder(0, { expiresOn: undefined })] }) });
    if (cannotRedirect) run.feed({ type: "cannot_redirect", at: iso(START) });
    const dueBy = START + isoDurationMs(TEST_SETTINGS.secrecyReviewInterval);
    // Play the scan: a Tick whenever the stored wake comes, until the interval has passed.
    for (let guard = 0; guard < 50 && run.state.wakeAt !== null && run.state.wakeAt <= dueBy; guard++) run.feed({ type: "tick", at: iso(run.state.wakeAt) });
    expect(run.commands.filter((c) => c.type === "request_review" && c.kind === "secrecy_review_due")).toHaveLength(1);
  });
});
