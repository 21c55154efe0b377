import { describe, expect, it } from "vitest";
import { DomainError } from "../../../shared/errors/domain-error";
import { fileSecrecyOrder } from "../../../shared/use-cases/file-secrecy-order";
import { minimalPdf } from "../../../scripts/minimal-pdf";
import { aDemandBody, aDemandRecord, TEST_NOW } from "../../support/builders";
import { InMemoryDemandStore, InMemoryDocumentStore, RecordingLifecycle } from "../../support/fakes";
import { InMemoryAudit } from "../review/review-fixture";
import { DeciderRun, aDecision, aLifecycleDemand } from "../../support/lifecycle-demands";
import { TEST_SETTINGS } from "../../support/lifecycle-harness";

/**
 * R10/R5 d: intake refuses a secrecy order with an emergency request (it contradicts the process: the customer is told
 * after the disclosure unless a reviewer withholds it). A filing after intake must be refused the same way: accepted,
 * it re-opens the emergency's approval round (its approvals discarded, a new deadline) and, once confirmed, holds back
 * the notice that follows the disclosure.
 */

const filing = (action: "add" | "lift") => ({
  action,
  order: { reference: "NDO-7", issuingCourt: "Superior Court", issuedOn: "2026-11-01", expiresOn: "2027-05-01" },
  document: { filename: "ndo.pdf", contentBase64: minimalPdf("NDO-7").toString("base64") },
});

async function fileOn(kind: "emergency_request" | "search_warrant", action: "add" | "lift" = "add") {
  const body = aDemandBody({ categories: ["subscriber_info", "content_mail"] });
  body.legalProcess.kind = kind;
  if (kind === "emergency_request") {
    body.emergency = { onOfficialLetterhead: true, signingAuthority: "Sgt. A. Officer", kind: "kidnapping", summary: "A missing child.", howDataHelps: "The mail names the place." };
  }
  const record = aDemandRecord({ status: "in_review", body });
  const demands = new InMemoryDemandStore();
  await demands.create(record);
  const lifecycle = new RecordingLifecycle();
  const audit = new InMemoryAudit();
  const outcome = await fileSecrecyOrder({ demands, lifecycle, now: () => TEST_NOW, documents: new InMemoryDocumentStore(), audit }, record.requesterId, record.id, filing(action)).then(
    () => "filed",
    (error: unknown) => (error instanceof DomainError ? error.code : "crashed"),
  );
  return { outcome, stored: (await demands.get(record.id))!.record, lifecycle, audit };
}

describe("R10: no secrecy order filed after intake on an emergency request", () => {
  it("R10: what a filing on an emergency under review would do: the approval given is discarded and the round starts again", () => {
    const run = new DeciderRun(TEST_SETTINGS);
    run.feed({ type: "started", at: "2026-11-21T12:00:00.000Z", demand: aLifecycleDemand({ emergency: { reviewDeadlineMinutes: 60 } }) });
    run.feed({ type: "review_decision", at: "2026-11-21T12:10:00.000Z", decision: aDecision("approve", "ana@compliance.example", { verification: "Called the agency's number on file." }) });
    expect(run.state.round?.approvals).toEqual(["ana@compliance.example"]);
    run.feed({ type: "secrecy_orders_changed", at: "2026-11-21T12:20:00.000Z", orders: [{ index: 0, reference: "NDO-7", expiresOn: "2027-05-01", lifted: false, atIntake: false }] });
    expect(run.state.round?.name).toBe("review-2");
    expect(run.state.round?.approvals).toEqual([]);
  });

  it("R10: an order filed on an emergency request is refused, and nothing is recorded or raised", async () => {
    const { outcome, stored, lifecycle, audit } = await fileOn("emergency_request");
    expect(outcome).toBe("invalid-state");
    expect(stored.secrecyOrders).toEqual([]);
    expect(lifecycle.events).toEqual([]);
    expect(audit.entries).toEqual([]);
  });

  it("R9: an order filed on a warrant is still accepted", async () => {
    const { outcome, stored, lifecycle } = await fileOn("search_warrant");
    expect(outcome).toBe("filed");
    expect(stored.secrecyOrders).toHaveLength(1);
    expect(lifecycle.events).toHaveLength(1);
  });
});
