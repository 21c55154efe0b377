import { PassThrough, type Readable } from "node:stream";

/** The stream's bytes unchanged, with its errors translated (e.g. a vanished file into ITEM_MISSING); destroying the result destroys the source. */
export function mapStreamErrors(source: Readable, translate: (error: unknown) => Error): Readable {
  const out = new PassThrough();
  source.once("error", (error: unknown) => out.destroy(translate(error)));
  out.once("close", () => source.destroy());
  source.pipe(out);
  return out;
}
