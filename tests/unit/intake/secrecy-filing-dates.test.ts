import { describe, expect, it } from "vitest";
import { fileSecrecyOrder, type SecrecyOrderFiling } from "../../../shared/use-cases/file-secrecy-order";
import { minimalPdf } from "../../../scripts/minimal-pdf";
import { aDemandRecord, TEST_NOW } from "../../support/builders";
import { InMemoryDemandStore, InMemoryDocumentStore, RecordingLifecycle } from "../../support/fakes";
import { InMemoryAudit } from "../review/review-fixture";

/**
 * R9 (R3's wrong dates, as intake judges an order filed with the demand): an order filed later whose own dates cannot
 * be right (issued in the future everywhere, or ending before it was issued) is refused as bad input, with nothing
 * recorded and reviewers not asked to confirm it; intake refuses the same order on a demand.
 */

async function file(order: SecrecyOrderFiling["order"], action: "add" | "lift" = "add") {
  const record = aDemandRecord({ status: "in_review" });
  const demands = new InMemoryDemandStore();
  await demands.create(record);
  const lifecycle = new RecordingLifecycle();
  const pdf = minimalPdf("NDO-7");
  const outcome = await fileSecrecyOrder(
    { demands, lifecycle, now: () => TEST_NOW, documents: new InMemoryDocumentStore(), audit: new InMemoryAudit() },
    record.requesterId,
    record.id,
    { action, order, document: { filename: "ndo.pdf", contentBase64: pdf.toString("base64") } },
  ).then(
    () => "filed",
    (error: { code?: string }) => error.code ?? "thrown",
  );
  return { outcome, orders: (await demands.get(record.id))!.record.secrecyOrders.length, raised: lifecycle.events.length };
}

const today = TEST_NOW.toISOString().slice(0, 10);

describe("R9: an order filed after intake with impossible dates", () => {
  it.each([
    ["issued in the future everywhere", { reference: "NDO-7", issuingCourt: "Superior Court", issuedOn: "2099-01-01", expiresOn: "2099-06-01" }],
    ["ending before it was issued", { reference: "NDO-7", issuingCourt: "Superior Court", issuedOn: "2026-11-01", expiresOn: "2026-10-01" }],
  ])("R9: %s is refused and nothing is recorded", async (_name, order) => {
    expect(await file(order)).toEqual({ outcome: "validation-failed", orders: 0, raised: 0 });
  });

  it("R9: an order issued today and ending today is filed", async () => {
    expect(await file({ reference: "NDO-7", issuingCourt: "Superior Court", issuedOn: today, expiresOn: today })).toEqual({ outcome: "filed", orders: 1, raised: 1 });
  });
});
