import { describe, expect, it } from "vitest";
import { fileSecrecyOrder, type SecrecyOrderFiling } from "../../../shared/use-cases/file-secrecy-order";
import { minimalPdf } from "../../../scripts/minimal-pdf";
import { aDemandRecord, TEST_NOW } from "../../support/builders";
import { InMemoryDemandStore, InMemoryDocumentStore, RecordingLifecycle } from "../../support/fakes";
import { InMemoryAudit } from "../review/review-fixture";

/** R9: an order filed later with impossible dates is a 400 whose errors name the date that is wrong, not just "order". */
async function refusedFields(order: SecrecyOrderFiling["order"]) {
  const record = aDemandRecord({ status: "in_review" });
  const demands = new InMemoryDemandStore();
  await demands.create(record);
  const deps = { demands, lifecycle: new RecordingLifecycle(), now: () => TEST_NOW, documents: new InMemoryDocumentStore(), audit: new InMemoryAudit() };
  const filing = { action: "add" as const, order, document: { filename: "ndo.pdf", contentBase64: minimalPdf("NDO-7").toString("base64") } };
  const error = (await fileSecrecyOrder(deps, record.requesterId, record.id, filing).then(
    () => null,
    (e: unknown) => e,
  )) as { code: string; fields: { path: string }[] } | null;
  return { code: error?.code, paths: error?.fields.map((f) => f.path) };
}

describe("R9: the wrong date of a secrecy order filed later is named", () => {
  it("R9: issued in the future everywhere names order.issuedOn", async () => {
    expect(await refusedFields({ reference: "NDO-7", issuingCourt: "Superior Court", issuedOn: "2099-01-01", expiresOn: "2099-06-01" })).toEqual({
      code: "validation-failed",
      paths: ["order.issuedOn"],
    });
  });

  it("R9: ending before it was issued names order.expiresOn", async () => {
    expect(await refusedFields({ reference: "NDO-7", issuingCourt: "Superior Court", issuedOn: "2026-11-01", expiresOn: "2026-10-01" })).toEqual({
      code: "validation-failed",
      paths: ["order.expiresOn"],
    });
  });
});
