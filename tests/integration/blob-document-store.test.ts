import { describe, expect, it } from "vitest";
import { BlobDocumentStore } from "../../shared/adapters/blob/blob-document-store";
import { openTestContainer } from "../support/test-stores";

describe("BlobDocumentStore", () => {
  it("writes, reads and removes a document", async () => {
    const container = await openTestContainer();
    const store = new BlobDocumentStore(container);
    const pdf = Buffer.from("%PDF-1.7 test");
    await store.put("demands/a/doc.pdf", pdf, "application/pdf");
    expect(await store.get("demands/a/doc.pdf")).toEqual(pdf);
    const properties = await container.getBlobClient("demands/a/doc.pdf").getProperties();
    expect(properties.contentType).toBe("application/pdf");
    await store.remove("demands/a/doc.pdf");
    expect(await store.get("demands/a/doc.pdf")).toBeNull();
  });
});
