import { minimalPdf } from "../scripts/minimal-pdf";

/**
 * A well-formed PDF of about `bytes` bytes: the minimal one-page PDF followed by an incremental update that adds one
 * unreferenced stream object of filler (a new xref section and trailer with /Prev), so every offset stays exact.
 */
export function paddedPdf(title: string, bytes: number): Buffer {
  const base = minimalPdf(title);
  const text = base.toString("latin1");
  const prevXref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1]);
  const size = Number(/\/Size (\d+)/.exec(text)?.[1]);
  const filler = "0123456789abcdef".repeat(Math.max(1, Math.ceil((bytes - base.length - 200) / 16)));
  const objectAt = base.length;
  const object = `${size} 0 obj\n<< /Length ${filler.length} >>\nstream\n${filler}\nendstream\nendobj\n`;
  const xrefAt = objectAt + Buffer.byteLength(object, "latin1");
  const update = `${object}xref\n${size} 1\n${String(objectAt).padStart(10, "0")} 00000 n \ntrailer\n<< /Size ${size + 1} /Root 1 0 R /Prev ${prevXref} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.concat([base, Buffer.from(update, "latin1")]);
}
