// Hand-written because the PDF parsers on npm are either large (pdfjs-dist renders and runs fonts and scripts) or
// unmaintained (pdf-lib, last released 2021); intake needs only to know that the bytes are shaped like a PDF file, not
// to read it. The checks follow ISO 32000 §7.5 (file structure): header, body of indirect objects, cross-reference
// section or stream, trailer, and startxref + %%EOF at the end (the last section wins after incremental updates).

const HEADER = /^%PDF-(1\.[0-7]|2\.0)[\r\n \t%]/;
const TAIL = /startxref[\r\n \t]+(\d{1,12})[\r\n \t]+%%EOF[\r\n \t]*$/;
const OBJECT_AT = /^(\d{1,10})[\r\n \t]+(\d{1,5})[\r\n \t]+obj\b/;
const TAIL_WINDOW = 1024;

/** Why the bytes are not shaped like a PDF file, or null when they are. */
export function pdfStructureProblem(bytes: Uint8Array): string | null {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!HEADER.test(buffer.subarray(0, 16).toString("latin1"))) return "it must begin with a %PDF-1.x or %PDF-2.0 header";
  const tail = buffer.subarray(Math.max(0, buffer.length - TAIL_WINDOW)).toString("latin1");
  const end = TAIL.exec(tail);
  if (end === null) return "it must end with startxref, the offset of its cross-reference section, and %%EOF";
  const offset = Number(end[1]);
  if (offset <= 0 || offset >= buffer.length) return "its startxref offset points outside the file";
  const atOffset = buffer.subarray(offset, offset + 64).toString("latin1");
  const text = buffer.toString("latin1");
  if (atOffset.startsWith("xref")) {
    if (!followedBy(text, offset, /\btrailer[\r\n \t]*<</g, /\/Root[\r\n \t]+\d+[\r\n \t]+\d+[\r\n \t]+R/g)) {
      return "its trailer must name the document catalog (/Root)";
    }
  } else if (OBJECT_AT.test(atOffset)) {
    const stream = text.slice(offset, text.indexOf("stream", offset));
    if (!/\/Type[\r\n \t]*\/XRef\b/.test(stream) || !/\/Root[\r\n \t]+\d+[\r\n \t]+\d+[\r\n \t]+R/.test(stream)) {
      return "its cross-reference stream must be of /Type /XRef and name the document catalog (/Root)";
    }
  } else {
    return "its startxref offset does not point at a cross-reference section";
  }
  if (!followedBy(text, 0, /(^|[\r\n])\d{1,10}[\r\n \t]+\d{1,5}[\r\n \t]+obj\b/g, /\bendobj\b/g)) return "it holds no indirect object";
  if (!/\/Type[\r\n \t]*\/Catalog\b/.test(text)) return "it has no document catalog";
  return null;
}

// Two searches instead of one lazy `first[\s\S]*?then` pattern: that one rescans to the end from every `first` that has
// no `then` after it, so an upload repeating `first` a million times held a worker for minutes.
/** True when `then` occurs after the first match of `first` at or after `from` (both global regexes). */
function followedBy(text: string, from: number, first: RegExp, then: RegExp): boolean {
  first.lastIndex = from;
  if (first.exec(text) === null) return false;
  then.lastIndex = first.lastIndex;
  return then.test(text);
}
