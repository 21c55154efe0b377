/**
 * npm run bench:collect — collecting and sealing from the blob source costs little more than downloading the
 * same blobs (issue 14). For each size (default 1 and 4 GiB, ~10,000 items per GiB, one account, every
 * category, two years of days) it uploads the items to Azurite in the data layout, then times a plain download
 * of every blob with @azure/storage-blob (N at a time) and collectScope + sealPackage over BlobCustomerDataSource
 * (the same N prefetched), the package going to a discarding stream, sampling peak RSS during collection.
 * Options: --sizes 1,4 (GiB) --items-per-gib 10000 --concurrency 8. The last line is JSON.
 */
import { randomFillSync } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { Writable } from "node:stream";
import { parseArgs } from "node:util";
import { BlobServiceClient, type ContainerClient } from "@azure/storage-blob";
import { startEmulators } from "../scripts/emulators";
import { BlobCustomerDataSource } from "../shared/adapters/blob/blob-customer-data-source";
import { uploadCustomerItem } from "../shared/adapters/blob/upload-customer-item";
import { LocalKeyring } from "../shared/adapters/keys/local-keyring";
import { collectScope } from "../shared/collection/collect-scope";
import { encodeAccountSegment } from "../shared/collection/data-layout";
import { DataCategory } from "../shared/domain/enums";
import { sealPackage, type SealItem } from "../shared/package/seal-package";

const ACCOUNT = "acct-bench#0001";
const RANGE = { from: "2025-01-01", to: "2026-12-31" };
const DAYS = 730;

interface SizeResult {
  gib: number;
  items: number;
  bytes: number;
  plainDownloadSeconds: number;
  collectAndSealSeconds: number;
  peakRssMiB: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { sizes: { type: "string", default: "1,4" }, "items-per-gib": { type: "string", default: "10000" }, concurrency: { type: "string", default: "8" } } });
  const sizes = values.sizes.split(",").map(Number).filter((n) => n > 0);
  const perGib = Number(values["items-per-gib"]);
  const concurrency = Number(values.concurrency);
  const azuriteDir = await mkdtemp(join(tmpdir(), "lrw-bench-collect-"));
  const emulators = await startEmulators({ azuriteDir });
  const keyring = new LocalKeyring({ directory: await mkdtemp(join(tmpdir(), "lrw-bench-keys-")), modulusLength: 2048 });
  const results: SizeResult[] = [];
  try {
    const service = BlobServiceClient.fromConnectionString(emulators.blobConnectionString);
    for (const gib of sizes) {
      const container = service.getContainerClient(`bench-collect-${String(gib).replace(".", "-")}-${Date.now()}`);
      await container.create();
      const items = Math.max(1, Math.round(gib * perGib));
      const bytes = await upload(container, gib * 1024 ** 3, items);
      console.log(`${gib} GiB: ${items} items, ${bytes} bytes uploaded`);
      // Alternate the order over two rounds so neither side always runs on a warmer cache; keep the faster of each.
      let plain = Infinity;
      let sealed = Infinity;
      let peak = 0;
      for (let round = 0; round < 2; round += 1) {
        const first = round === 0 ? "plain" : "seal";
        for (const which of first === "plain" ? ["plain", "seal"] : ["seal", "plain"]) {
          if (which === "plain") plain = Math.min(plain, await plainDownload(container, concurrency, bytes));
          else {
            const run = await collectAndSeal(container, keyring, concurrency);
            sealed = Math.min(sealed, run.seconds);
            peak = Math.max(peak, run.peakRssMiB);
          }
        }
      }
      console.log(`  plain download ${plain.toFixed(2)} s, collect and seal ${sealed.toFixed(2)} s, peak RSS ${peak} MiB`);
      results.push({ gib, items, bytes, plainDownloadSeconds: plain, collectAndSealSeconds: sealed, peakRssMiB: peak });
      await container.delete();
    }
  } finally {
    await emulators.stop();
    await rm(azuriteDir, { recursive: true, force: true });
  }
  const head = results[0];
  if (head === undefined) throw new Error("no sizes given");
  const gb = head.bytes / 1e9;
  console.log(JSON.stringify({
    collectAndSealGBps: round(gb / head.collectAndSealSeconds),
    plainDownloadGBps: round(gb / head.plainDownloadSeconds),
    ratio: round(head.collectAndSealSeconds / head.plainDownloadSeconds),
    peakRssMiB: Object.fromEntries(results.map((r) => [`${r.gib}GiB`, r.peakRssMiB])),
    concurrency,
    loadAverage: loadavg()[0],
    sizes: results,
  }));
}

/** Uploads ~total bytes as `count` items of varied size (0.5x to 1.5x the mean) spread over categories and days. */
async function upload(container: ContainerClient, total: number, count: number): Promise<number> {
  const mean = total / count;
  let uploaded = 0;
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const size = Math.max(1, Math.round(mean * (0.5 + ((i * 7919) % 1000) / 1000)));
      const date = new Date(Date.parse(`${RANGE.from}T00:00:00Z`) + (i % DAYS) * 86_400_000).toISOString().slice(0, 10);
      const category = DataCategory.options[i % DataCategory.options.length] as DataCategory;
      await uploadCustomerItem(container, { accountId: ACCOUNT, category, date, name: `item-${i}.bin`, source: "bench", bytes: randomFillSync(Buffer.allocUnsafe(size)) });
      uploaded += size;
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return uploaded;
}

/** Every blob of the account, listed flat and downloaded `concurrency` at a time, bytes dropped. */
async function plainDownload(container: ContainerClient, concurrency: number, expected: number): Promise<number> {
  const started = performance.now();
  const names: string[] = [];
  for await (const blob of container.listBlobsFlat({ prefix: `${encodeAccountSegment(ACCOUNT)}/` })) names.push(blob.name);
  let next = 0;
  let read = 0;
  const worker = async () => {
    for (let i = next++; i < names.length; i = next++) {
      const response = await container.getBlobClient(names[i] as string).download();
      for await (const chunk of response.readableStreamBody as NodeJS.ReadableStream) read += (chunk as Buffer).length;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  if (read !== expected) throw new Error(`plain download read ${read} of ${expected} bytes`);
  return (performance.now() - started) / 1000;
}

/** The app's collection (every category of the account over the whole range) sealed into a discarded package. */
async function collectAndSeal(container: ContainerClient, keyring: LocalKeyring, concurrency: number): Promise<{ seconds: number; peakRssMiB: number }> {
  global.gc?.();
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  const started = performance.now();
  const scope = { targets: [{ type: "account_id" as const, value: ACCOUNT }], categories: [...DataCategory.options], dateRange: RANGE };
  const collected = collectScope(new BlobCustomerDataSource(container), scope, new Map([[`account_id:${ACCOUNT}`, ACCOUNT]]), new Map([[ACCOUNT, "identifier-1"]]), { prefetch: concurrency });
  async function* items(): AsyncIterable<SealItem> {
    for await (const item of collected) yield { path: item.packagePath, category: item.category, source: item.source, content: item.open() };
  }
  await sealPackage({
    demandId: "bench",
    orderReference: "BENCH-1",
    createdAt: new Date(),
    collected: RANGE,
    keyOption: "local",
    wrappers: [keyring],
    signer: keyring,
    items: items(),
    output: new Writable({ write: (_chunk, _encoding, callback) => callback() }),
  });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  return { seconds, peakRssMiB: Math.round(peak / 1024 ** 2) };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
