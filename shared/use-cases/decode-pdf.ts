import { DomainError } from "../http/domain-error";

/** Decodes a base64 document and checks that it is a PDF, or throws a 400 naming the field. */
export function decodePdf(contentBase64: string, path: string): Buffer {
  const pdf = Buffer.from(contentBase64, "base64");
  if (pdf.subarray(0, 5).toString("latin1") !== "%PDF-") {
    throw new DomainError("validation-failed", "The document is not a PDF.", [{ path, message: "must be a PDF file (it must start with %PDF-)" }]);
  }
  return pdf;
}
