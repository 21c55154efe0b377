import { DomainError } from "../errors/domain-error";
import { pdfStructureProblem } from "./pdf-structure";

/** Decodes a base64 document and checks that it is shaped like a PDF file, or throws a 400 naming the field. */
export function decodePdf(contentBase64: string, path: string): Buffer {
  const pdf = Buffer.from(contentBase64, "base64");
  const problem = pdfStructureProblem(pdf);
  if (problem !== null) {
    throw new DomainError("validation-failed", "The document is not a PDF.", [{ path, message: `must be a PDF file: ${problem}` }]);
  }
  return pdf;
}
