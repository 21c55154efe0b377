#!/usr/bin/env node
/** Recipient CLI: opens and verifies sealed disclosure packages offline (docs/package-format.md §11). */
import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { createDiscardSink } from "../shared/package/discard-sink";
import { DirectorySink } from "../shared/package/directory-sink";
import { WrappedKeyFile } from "../shared/package/format";
import { parseJson } from "../shared/package/header-block";
import { inspectPackage, openPackage, type ItemSink, type OpenResult } from "../shared/package/open-package";
import { PackageError } from "../shared/package/package-error";
import { unwrapWithPrivateKey } from "../shared/package/recipient-key";

const USAGE = `usage:
  lrw-package open   <package> --key <private.pem> [--wrapped-key <file>] [--provider-key <public.pem>] --out <dir>
  lrw-package verify <package> --provider-key <public.pem> [--key <private.pem> [--wrapped-key <file>]]`;

const READ_CHUNK = 1024 * 1024;

class UsageError extends Error {}

interface Args {
  command: "open" | "verify";
  packagePath: string;
  key?: string;
  wrappedKey?: string;
  providerKey?: string;
  out?: string;
}

function parseCommandLine(argv: string[]): Args {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      key: { type: "string" },
      "wrapped-key": { type: "string" },
      "provider-key": { type: "string" },
      out: { type: "string" },
    },
  });
  const [command, packagePath, ...rest] = positionals;
  if ((command !== "open" && command !== "verify") || packagePath === undefined || rest.length > 0) throw new UsageError("expected a command and one package");
  if (command === "open" && (values.key === undefined || values.out === undefined)) throw new UsageError("open needs --key and --out");
  if (command === "verify" && values["provider-key"] === undefined) throw new UsageError("verify needs --provider-key");
  if (values["wrapped-key"] !== undefined && values.key === undefined) throw new UsageError("--wrapped-key needs --key");
  return { command, packagePath, key: values.key, wrappedKey: values["wrapped-key"], providerKey: values["provider-key"], out: values.out };
}

async function readPublicKey(path: string): Promise<KeyObject> {
  return createPublicKey(await readFile(path));
}

async function decryptAll(args: Args, sink: ItemSink, providerKey: KeyObject | undefined): Promise<OpenResult> {
  const privateKey = createPrivateKey(await readFile(args.key as string));
  const keyFile =
    args.wrappedKey === undefined
      ? undefined
      : parseJson(WrappedKeyFile, await readFile(args.wrappedKey), "WRAPPED_KEY_FILE_INVALID", "wrapped key file invalid");
  return openPackage(createReadStream(args.packagePath, { highWaterMark: READ_CHUNK }), {
    resolveDataKey: async (header) => unwrapWithPrivateKey(header, privateKey, keyFile),
    providerPublicKey: providerKey,
    sink,
  });
}

function describe(result: OpenResult): string[] {
  const { header, manifest } = result;
  return [
    `package ${header.packageId} for demand ${header.demandId} (order ${header.orderReference}), collected ${manifest.collected.from}..${manifest.collected.to}`,
    result.signaturesChecked ? "header signature valid; manifest signature valid" : "signatures NOT checked (no --provider-key)",
    `${result.segments} segments authenticated; ${manifest.items.length} items match their manifest size and SHA-256`,
    `key option: ${manifest.keyOption.kind}${manifest.keyOption.note === undefined ? "" : ` (${manifest.keyOption.note})`}`,
    ...manifest.items.map((item) => `  ${item.sha256}  ${item.size}  ${item.category}  ${item.path}${item.note === undefined ? "" : `  (${item.note})`}`),
  ];
}

async function run(args: Args): Promise<string[]> {
  const providerKey = args.providerKey === undefined ? undefined : await readPublicKey(args.providerKey);
  if (args.command === "open") {
    const result = await decryptAll(args, new DirectorySink(args.out as string), providerKey);
    return [`opened into ${args.out as string}`, ...describe(result)];
  }
  if (args.key === undefined) {
    const inspected = await inspectPackage(createReadStream(args.packagePath, { highWaterMark: READ_CHUNK }), providerKey);
    return [
      `package ${inspected.header.packageId} for demand ${inspected.header.demandId} (order ${inspected.header.orderReference})`,
      "header signature valid",
      "payload NOT checked: give --key (and --wrapped-key) to check every segment, the manifest signature and every item hash",
    ];
  }
  return ["verified", ...describe(await decryptAll(args, createDiscardSink(), providerKey))];
}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseCommandLine(process.argv.slice(2));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  try {
    for (const line of await run(args)) console.log(line);
    return 0;
  } catch (error) {
    if (error instanceof PackageError) {
      console.error(`FAILED (${error.code}): ${error.message}`);
      return 1;
    }
    throw error;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Unexpected failures (unreadable files, bad PEM) still exit non-zero with the reason.
    console.error(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
