import { describe, expect, it } from "vitest";
import { minimalPdf } from "../../../scripts/minimal-pdf";
import { pdfStructureProblem } from "../../../shared/use-cases/pdf-structure";

// A crafted upload within the body limit must not hold a worker: each check is one pass over the bytes.
const BUDGET_MS = 500;

function timed(bytes: Buffer): { problem: string | null; ms: number } {
  const started = performance.now();
  const problem = pdfStructureProblem(bytes);
  return { problem, ms: performance.now() - started };
}

/** A PDF-shaped file whose body is `filler`, ending in an xref section whose trailer is `trailer`. */
function crafted(filler: string, trailer: string): Buffer {
  const head = `%PDF-1.4\n${filler}\n`;
  const offset = Buffer.byteLength(head, "latin1");
  return Buffer.from(`${head}xref\n${trailer}\nstartxref\n${offset}\n%%EOF`, "latin1");
}

describe("PDF structure check on crafted uploads", () => {
  it("refuses many object headers with no endobj in linear time", () => {
    const { problem, ms } = timed(crafted("\n1 0 obj".repeat(80_000), "trailer<</Root 1 0 R>>"));
    expect(problem).toBe("it holds no indirect object");
    expect(ms).toBeLessThan(BUDGET_MS);
  }, 60_000);

  it("refuses many trailers with no /Root in linear time", () => {
    const { problem, ms } = timed(crafted("1 0 obj\n<</Type /Catalog>>\nendobj", "trailer<<".repeat(70_000)));
    expect(problem).toBe("its trailer must name the document catalog (/Root)");
    expect(ms).toBeLessThan(BUDGET_MS);
  }, 60_000);

  it("still accepts a real PDF and one whose trailer names /Root after other keys", () => {
    expect(pdfStructureProblem(minimalPdf("x"))).toBeNull();
    expect(pdfStructureProblem(crafted("1 0 obj\n<</Type /Catalog>>\nendobj", "trailer\n<< /Size 2 /Info 3 0 R\n/Root 1 0 R >>"))).toBeNull();
  });

  it("still refuses an object header whose only endobj comes before it", () => {
    expect(pdfStructureProblem(crafted("endobj\n1 0 obj", "trailer<</Root 1 0 R>> /Type /Catalog"))).toBe("it holds no indirect object");
  });
});
