import { createReadStream, type Dirent } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { CollectionError } from "../../collection/collection-error";
import { daysInRange, DEFAULT_SOURCE, encodeAccountSegment, itemPath } from "../../collection/data-layout";
import { mapStreamErrors } from "../../collection/map-stream-errors";
import type { CustomerDataItem, CustomerDataQuery, CustomerDataSource } from "../../ports/customer-data-source";

// Reads of 1 MiB rather than the stream default of 64 KiB: sealing a 10 MiB item then costs 10 reads, not 160.
const READ_BYTES = 1024 * 1024;

/** The optional sidecar "<item>.meta.json" beside an item: its source system and whether the customer holds its key. */
export const ItemSidecar = z.strictObject({ source: z.string().min(1).max(200).optional(), customerHeld: z.boolean().optional() });
export type ItemSidecar = z.infer<typeof ItemSidecar>;

/** The suffix of a sidecar file; such files are metadata, never items. */
export const SIDECAR_SUFFIX = ".meta.json";

/**
 * CUSTOMER_DATA_SOURCE=folder (npm start): the data layout of docs/customer-data.md as folders and files under one
 * directory, so data for any account is added by dropping files in. Only the asked account's category folder is
 * read, only day folders within the range are entered; dotfiles and symbolic links are skipped.
 */
export class FolderDataSource implements CustomerDataSource {
  constructor(private readonly root: string) {}

  async *listItems(query: CustomerDataQuery): AsyncIterable<CustomerDataItem> {
    const segment = encodeAccountSegment(query.accountId);
    // Match the account folder's name exactly: on a case-insensitive file system "ACCT" would otherwise open "acct" (R6).
    const accounts = await rootEntries(this.root);
    if (!accounts.some((entry) => entry.isDirectory() && entry.name === segment)) return;
    // Only a real folder: a category folder that is a symbolic link could lead into another account's data (R6).
    if (!(await entriesOf(path.join(this.root, segment))).some((entry) => entry.isDirectory() && entry.name === query.category)) return;
    const categoryDir = path.join(this.root, segment, query.category);
    const days = daysInRange((await entriesOf(categoryDir)).filter((entry) => entry.isDirectory()).map((entry) => entry.name), query.from, query.to);
    for (const day of days) {
      const dayDir = path.join(categoryDir, day);
      for (const relative of await filesUnder(dayDir)) {
        const file = path.join(dayDir, ...relative.split("/"));
        const sidecar = await readSidecar(`${file}${SIDECAR_SUFFIX}`);
        const size = (await statOrMissing(file)).size;
        yield {
          accountId: query.accountId,
          path: itemPath(query.category, day, relative),
          category: query.category,
          source: sidecar.source ?? DEFAULT_SOURCE,
          date: day,
          size,
          customerHeld: sidecar.customerHeld === true,
          open: () => mapStreamErrors(createReadStream(file, { highWaterMark: READ_BYTES }), fileError),
        };
      }
    }
  }
}

/** The files under a day folder, as "/"-separated relative paths in name order (sidecars, dotfiles and links left out). */
async function filesUnder(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  const entries = (await entriesOf(dir)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith(".") || entry.isSymbolicLink()) continue;
    const relative = `${prefix}${entry.name}`;
    if (entry.isDirectory()) out.push(...(await filesUnder(path.join(dir, entry.name), `${relative}/`)));
    else if (entry.isFile() && !entry.name.endsWith(SIDECAR_SUFFIX)) out.push(relative);
  }
  return out;
}

async function entriesOf(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (isMissing(error)) return [];
    throw fileError(error);
  }
}

/** The account folders; a data folder that is not there, or holds no account, is a setup fault (like a missing or empty container), never "no data". */
async function rootEntries(root: string): Promise<Dirent[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch (error) {
    if (isMissing(error)) throw new CollectionError("SOURCE_UNAVAILABLE", "the customer data folder does not exist");
    throw fileError(error);
  }
  if (!entries.some((entry) => entry.isDirectory() && !entry.name.startsWith("."))) throw new CollectionError("SOURCE_UNAVAILABLE", "the customer data folder holds no account");
  return entries;
}

async function readSidecar(file: string): Promise<ItemSidecar> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if (isMissing(error)) return {};
    throw fileError(error);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const result = ItemSidecar.safeParse(parsed);
  if (!result.success) throw new CollectionError("SOURCE_PROTOCOL", `an item's ${SIDECAR_SUFFIX} sidecar is not {"source"?: string, "customerHeld"?: boolean}`);
  return result.data;
}

async function statOrMissing(file: string): Promise<{ size: number }> {
  try {
    return await stat(file);
  } catch (error) {
    throw fileError(error);
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === "ENOENT" || code === "ENOTDIR";
}

function fileError(error: unknown): Error {
  if (error instanceof CollectionError) return error;
  if (isMissing(error)) return new CollectionError("ITEM_MISSING", "a listed file is gone");
  const code = (error as { code?: unknown }).code;
  return new CollectionError("SOURCE_UNAVAILABLE", `the data folder could not be read (${typeof code === "string" ? code : "error"})`);
}
