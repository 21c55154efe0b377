import type { DemandRecord } from "../../domain/demand-record";

/** A document of a demand a reviewer may open: the legal process, or a secrecy-order filing. */
export interface ReviewDocument {
  /** "legal-process" or "secrecy-<n>" (the position of the filing on the demand). */
  id: string;
  label: string;
  filename: string;
  blobName: string;
  /** SHA-256 (hex) recorded when the document was received. */
  sha256: string;
}

/** Every document filed with a demand, each with the digest recorded at receipt. */
export function reviewDocuments(record: DemandRecord): ReviewDocument[] {
  const documents: ReviewDocument[] = [
    { id: "legal-process", label: "The legal process as filed", filename: record.document.filename, blobName: record.document.blobName, sha256: record.document.sha256 },
  ];
  record.secrecyOrders.forEach((entry, index) => {
    if (entry.documentSha256 === undefined) return;
    documents.push({
      id: `secrecy-${index}`,
      label: `${entry.lifted ? "Lifting of" : "Secrecy order"} ${entry.order.reference} (${entry.order.issuingCourt})`,
      filename: `secrecy-order-${index + 1}.pdf`,
      blobName: `demands/${record.id}/secrecy/${entry.documentSha256}.pdf`,
      sha256: entry.documentSha256,
    });
  });
  return documents;
}

/** The address of a document on the review page (served to signed-in reviewers of an open round only). */
export function reviewDocumentPath(demandId: string, documentId: string, round: string): string {
  return `/api/review/demands/${encodeURIComponent(demandId)}/documents/${documentId}?round=${encodeURIComponent(round)}`;
}
