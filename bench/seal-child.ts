/**
 * The measured half of `npm run bench:seal`: seals or opens one file in this process and prints its own time and
 * peak RSS as JSON. bench/seal.ts runs it compiled (dist/bench/seal-child.js), as the package code ships.
 */
import { createPrivateKey } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { LocalKeyring } from "../shared/adapters/keys/local-keyring";
import { DirectorySink } from "../shared/package/directory-sink";
import { WrappedKeyFile } from "../shared/package/format";
import { openPackage } from "../shared/package/open-package";
import { unwrapWithPrivateKey } from "../shared/package/recipient-key";
import { sealPackage } from "../shared/package/seal-package";

/** Read and write size for the files on either side, as a caller streaming a file would use. */
const IO_CHUNK = 1024 * 1024;

/** What the child reports: seconds from the first byte to the output closed, and peak RSS. */
export interface ChildReport {
  seconds: number;
  maxRssMiB: number;
}

async function childSeal(input: string, output: string, keyringDir: string, segmentSize: number): Promise<ChildReport> {
  const keyring = new LocalKeyring({ directory: keyringDir });
  await keyring.getSigningPublicKeyPem();
  const started = process.hrtime.bigint();
  await sealPackage({
    demandId: "bench",
    orderReference: "bench",
    createdAt: new Date(),
    collected: { from: "2026-01-01", to: "2026-01-31" },
    keyOption: "local",
    wrappers: [keyring],
    signer: keyring,
    items: [{ path: "data.bin", category: "content_files", source: "bench", content: createReadStream(input, { highWaterMark: IO_CHUNK }) }],
    output: createWriteStream(output, { highWaterMark: IO_CHUNK }),
    segmentSize,
  });
  return report(started);
}

async function childOpen(input: string, outDir: string, privateKeyPath: string, keyFilePath: string): Promise<ChildReport> {
  const privateKey = createPrivateKey(await readFile(privateKeyPath));
  const keyFile = WrappedKeyFile.parse(JSON.parse(await readFile(keyFilePath, "utf8")));
  const started = process.hrtime.bigint();
  await openPackage(createReadStream(input, { highWaterMark: IO_CHUNK }), {
    resolveDataKey: async (header) => unwrapWithPrivateKey(header, privateKey, keyFile),
    sink: new DirectorySink(outDir),
  });
  return report(started);
}

function report(started: bigint): ChildReport {
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  // resourceUsage().maxRSS is in KiB on Linux.
  return { seconds, maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) };
}

async function main(): Promise<void> {
  const [mode, first, second, third, fourth] = process.argv.slice(2) as (string | undefined)[];
  if (first === undefined || second === undefined || third === undefined || fourth === undefined) throw new Error("usage: seal-child.js child-seal|child-open <4 arguments>");
  if (mode === "child-seal") console.log(JSON.stringify(await childSeal(first, second, third, Number(fourth))));
  else if (mode === "child-open") console.log(JSON.stringify(await childOpen(first, second, third, fourth)));
  else throw new Error(`unknown mode ${String(mode)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
