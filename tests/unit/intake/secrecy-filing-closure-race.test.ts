import { describe, expect, it } from "vitest";
import { DomainError } from "../../../shared/errors/domain-error";
import { fileSecrecyOrder } from "../../../shared/use-cases/file-secrecy-order";
import { minimalPdf } from "../../../scripts/minimal-pdf";
import { aDemandRecord, TEST_NOW } from "../../support/builders";
import { InMemoryDemandStore, InMemoryDocumentStore, RecordingLifecycle } from "../../support/fakes";
import { InMemoryAudit } from "../review/review-fixture";

const filing = (action: "add" | "lift") => ({
  action,
  order: { reference: "NDO-9", issuingCourt: "Superior Court", issuedOn: "2026-11-01", expiresOn: "2027-05-01" },
  document: { filename: "ndo.pdf", contentBase64: minimalPdf("NDO-9").toString("base64") },
});

describe("R9: a secrecy filing racing the demand's closure", () => {
  it.each(["add", "lift"] as const)("R9: a filing (%s) whose demand closes after it was read is refused, and nothing is recorded or raised", async (action) => {
    // A lifting names an order on file (R9).
    const record = aDemandRecord({ status: "in_review", secrecyOrders: action === "lift" ? [{ order: filing("add").order, addedAt: "2026-11-21T10:00:00.000Z", lifted: false }] : [] });
    const demands = new InMemoryDemandStore();
    await demands.create(record);
    const documents = new InMemoryDocumentStore();
    // The lifecycle closes the demand (a rejection, a withdrawal) after the filing's read and before its write.
    documents.put = async (name, bytes) => {
      const found = (await demands.get(record.id))!;
      await demands.replace({ ...found.record, status: "closed", outcome: "rejected" }, found.etag);
      await InMemoryDocumentStore.prototype.put.call(documents, name, bytes);
    };
    const lifecycle = new RecordingLifecycle();
    const audit = new InMemoryAudit();
    const outcome = await fileSecrecyOrder({ demands, lifecycle, now: () => TEST_NOW, documents, audit }, record.requesterId, record.id, filing(action)).then(
      () => "filed",
      (error: unknown) => (error instanceof DomainError ? error.code : "crashed"),
    );
    expect(outcome).toBe("invalid-state");
    const stored = (await demands.get(record.id))!.record;
    expect(stored.status).toBe("closed");
    expect(stored.secrecyOrders).toEqual(record.secrecyOrders);
    expect(lifecycle.events).toEqual([]);
    expect(audit.entries).toEqual([]);
  });
});
