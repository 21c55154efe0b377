import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { encodeAccountSegment } from "../../collection/data-layout";
import { generateDemoDataset, type DemoItem } from "./demo-data/demo-dataset";
import { SIDECAR_SUFFIX, type ItemSidecar } from "./folder-data-source";

/**
 * Writes the demo data set into the folder layout under dir (CUSTOMER_DATA_DIR), each item with its sidecar.
 * Files already there are left alone, so data a person dropped in, or changed, survives every npm start.
 */
export async function seedLocalCustomerData(dir: string, items: readonly DemoItem[] = generateDemoDataset()): Promise<{ written: number }> {
  let written = 0;
  for (const item of items) {
    const file = path.join(dir, encodeAccountSegment(item.accountId), ...item.path.split("/"));
    await mkdir(path.dirname(file), { recursive: true });
    const sidecar: ItemSidecar = { source: item.source, ...(item.customerHeld ? { customerHeld: true } : {}) };
    if (await writeNew(file, item.bytes)) written += 1;
    await writeNew(`${file}${SIDECAR_SUFFIX}`, `${JSON.stringify(sidecar, null, 2)}\n`);
  }
  return { written };
}

async function writeNew(file: string, data: Buffer | string): Promise<boolean> {
  try {
    await writeFile(file, data, { flag: "wx" });
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code === "EEXIST") return false;
    throw error;
  }
}
