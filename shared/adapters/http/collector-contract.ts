import { z } from "zod";

/** The collector contract's version prefix (docs/collector-openapi.yaml). */
export const COLLECTOR_API = "v1";

/** One item in a page of GET /v1/items. */
export const CollectorItem = z.strictObject({
  /** Opaque, stable id the collector resolves in GET /v1/items/content. */
  id: z.string().min(1).max(1024),
  /** The item's name within its day, "/"-separated (a relative path; no "." or ".." parts). */
  name: z.string().min(1).max(900),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  size: z.number().int().nonnegative(),
  source: z.string().min(1).max(200),
  customerHeld: z.boolean(),
});
export type CollectorItem = z.infer<typeof CollectorItem>;

/** A page of GET /v1/items: items in a stable order and, when more follow, the token for the next page. */
export const CollectorPage = z.object({
  items: z.array(CollectorItem),
  nextPageToken: z.string().min(1).max(4096).optional(),
});
export type CollectorPage = z.infer<typeof CollectorPage>;
