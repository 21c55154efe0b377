#!/usr/bin/env node
/** Recipient CLI: opens and verifies sealed disclosure packages offline (docs/package-format.md §11). */
import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { pinnedProviderKeyPath, readPinnedProviderKeys, pinProviderKey, PinError } from "./provider-key-pin";
import { createDiscardSink } from "../shared/package/discard-sink";
import { DirectorySink } from "../shared/package/directory-sink";
import { ITEM_DIGEST_NAMES, itemDigestKindOf, listedDigest, WrappedKeyFile, type PackageVersion } from "../shared/package/format";
import { parseJson } from "../shared/package/header-block";
import { inspectPackage, openPackage, type ItemSink, type OpenResult } from "../shared/package/open-package";
import { PackageError } from "../shared/package/package-error";
import { publicKeyFingerprint, unwrapWithPrivateKey } from "../shared/package/recipient-key";

const USAGE = `usage:
  lrw-package trust  <provider-key.pem | https://…/api/package-signing-key> [--add | --replace]
  lrw-package open   <package> --key <private.pem> [--wrapped-key <file>] [--provider-key <public.pem>...] [--accept-version-1] --out <dir>
  lrw-package verify <package> [--provider-key <public.pem>...] [--key <private.pem> [--wrapped-key <file>]] [--accept-version-1]

  open and verify need the provider's public signing key: --provider-key, or the key pinned once with trust
  (kept in ${pinnedProviderKeyPath()}). Without one nothing is opened. After the provider rotates its key,
  trust the new one with --add: packages sealed before the rotation stay signed by the old key, and each package
  is checked against the trusted key that signed it.`;

const READ_CHUNK = 1024 * 1024;

class UsageError extends Error {}

/** Ctrl-C or a termination request arrived while the package was being read. */
class Interrupted extends Error {}

interface Args {
  command: "open" | "verify" | "trust";
  packagePath: string;
  key?: string;
  wrappedKey?: string;
  providerKeys: string[];
  out?: string;
  acceptVersions: readonly PackageVersion[];
  replace: boolean;
  add: boolean;
}

function parseCommandLine(argv: string[]): Args {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      key: { type: "string" },
      "wrapped-key": { type: "string" },
      "provider-key": { type: "string", multiple: true },
      out: { type: "string" },
      "accept-version-1": { type: "boolean", default: false },
      replace: { type: "boolean", default: false },
      add: { type: "boolean", default: false },
    },
  });
  const [command, packagePath, ...rest] = positionals;
  if ((command !== "open" && command !== "verify" && command !== "trust") || packagePath === undefined || rest.length > 0) throw new UsageError("expected a command and one package");
  const acceptVersions: readonly PackageVersion[] = values["accept-version-1"] ? [1, 2, 3] : [2, 3];
  if (command === "trust") {
    if (values.add && values.replace) throw new UsageError("--add and --replace exclude each other");
    return { command, packagePath, providerKeys: [], acceptVersions, replace: values.replace, add: values.add };
  }
  if (command === "open" && (values.key === undefined || values.out === undefined)) throw new UsageError("open needs --key and --out");
  if (values["wrapped-key"] !== undefined && values.key === undefined) throw new UsageError("--wrapped-key needs --key");
  return {
    command,
    packagePath,
    key: values.key,
    wrappedKey: values["wrapped-key"],
    providerKeys: values["provider-key"] ?? [],
    out: values.out,
    acceptVersions,
    replace: values.replace,
    add: values.add,
  };
}

/**
 * The provider keys to trust: --provider-key, else the pinned ones; neither is a usage error (fail closed). A given
 * key that is not pinned is trusted for this run only, and said so on stderr: it sets aside what the recipient
 * checked when pinning.
 */
async function trustedProviderKeys(args: Args): Promise<KeyObject[]> {
  const pinned = await readPinnedProviderKeys();
  if (args.providerKeys.length > 0) {
    const given: KeyObject[] = [];
    for (const file of args.providerKeys) given.push(createPublicKey(await readFile(file)));
    const pinnedNames = pinned.map((key) => publicKeyFingerprint(key));
    const unpinned = given.map((key) => publicKeyFingerprint(key)).filter((name) => !pinnedNames.includes(name));
    if (pinned.length > 0 && unpinned.length > 0) {
      console.error(`warning: trusting --provider-key ${unpinned.join(", ")}, not the pinned provider key ${pinnedNames.join(", ")} (${pinnedProviderKeyPath()})`);
    }
    return given;
  }
  if (pinned.length === 0) {
    throw new UsageError("no trusted provider key: pin it once with `lrw-package trust <provider-key.pem | https://…>` (compare the fingerprint it prints with the published one) or give --provider-key");
  }
  return pinned;
}

/**
 * The trusted key that signed this package's header (a rotation leaves older packages signed by the older key).
 * With none, a single trusted key is returned so the opener reports its precise failure.
 */
async function signingKeyOf(args: Args, trusted: KeyObject[]): Promise<KeyObject> {
  if (trusted.length === 1) return trusted[0] as KeyObject;
  const read = () => createReadStream(args.packagePath, { highWaterMark: 64 * 1024 });
  const { headerSignatureKeyId } = await inspectPackage(read(), undefined, args.acceptVersions);
  // From version 2 on the block names its key: that one is checked (and a bad signature by it reported as such).
  const named = trusted.find((key) => publicKeyFingerprint(key) === headerSignatureKeyId);
  if (named !== undefined) return named;
  for (const key of trusted) {
    const signed = await inspectPackage(read(), key, args.acceptVersions).then(
      () => true,
      (error: unknown) => {
        if (error instanceof PackageError && error.code === "HEADER_SIGNATURE_INVALID") return false;
        throw error;
      },
    );
    if (signed) return key;
  }
  const names = trusted.map((key) => publicKeyFingerprint(key)).join(", ");
  throw new PackageError("HEADER_SIGNATURE_INVALID", `header signature invalid: signed by ${headerSignatureKeyId}, by none of the trusted provider keys ${names}`);
}

async function decryptAll(args: Args, sink: ItemSink, providerKey: KeyObject): Promise<OpenResult> {
  const privateKey = createPrivateKey(await readFile(args.key as string));
  const keyFile =
    args.wrappedKey === undefined
      ? undefined
      : parseJson(WrappedKeyFile, await readFile(args.wrappedKey), "WRAPPED_KEY_FILE_INVALID", "wrapped key file invalid");
  const source = createReadStream(args.packagePath, { highWaterMark: READ_CHUNK });
  // Dying on the signal would leave unverified plaintext staged in the output directory: failing the read instead
  // makes the opener abort its sink. A second signal ends the process as usual.
  const stop = (signal: NodeJS.Signals) => source.destroy(new Interrupted(`interrupted (${signal}): nothing was opened`));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  try {
    return await openPackage(source, {
      resolveDataKey: async (header) => unwrapWithPrivateKey(header, privateKey, keyFile),
      providerPublicKey: providerKey,
      sink,
      acceptVersions: args.acceptVersions,
    });
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  }
}

function describe(result: OpenResult & { signedBy: KeyObject }, args: Args): string[] {
  const { header, manifest } = result;
  return [
    `package ${header.packageId} for demand ${header.demandId} (order ${header.orderReference}), collected ${manifest.collected.from}..${manifest.collected.to}`,
    `header signature valid; manifest signature valid (provider key ${publicKeyFingerprint(result.signedBy)}, ${args.providerKeys.length > 0 ? "given with --provider-key" : "pinned"})`,
    ...(result.version === 1 ? ["format version 1: the signature blocks' key ids are not signed (accepted with --accept-version-1)"] : []),
    `${result.segments} segments authenticated; ${manifest.items.length} items match their manifest size and ${ITEM_DIGEST_NAMES[itemDigestKindOf(result.version)]}`,
    `key option: ${manifest.keyOption.kind}${manifest.keyOption.note === undefined ? "" : ` (${manifest.keyOption.note})`}`,
    ...manifest.items.map((item) => `  ${listedDigest(item)}  ${item.size}  ${item.category}  ${item.path}${item.note === undefined ? "" : `  (${item.note})`}`),
  ];
}

async function run(args: Args): Promise<string[]> {
  if (args.command === "trust") {
    const pinned = await pinProviderKey(args.packagePath, args);
    return [`trusted provider key ${pinned.fingerprint} pinned in ${pinned.path}`, "compare this fingerprint with the one the provider publishes"];
  }
  const providerKey = await signingKeyOf(args, await trustedProviderKeys(args));
  if (args.command === "open") {
    const result = await decryptAll(args, new DirectorySink(args.out as string), providerKey);
    return [`opened into ${args.out as string}`, ...describe({ ...result, signedBy: providerKey }, args)];
  }
  if (args.key === undefined) {
    const inspected = await inspectPackage(createReadStream(args.packagePath, { highWaterMark: READ_CHUNK }), providerKey, args.acceptVersions);
    return [
      `package ${inspected.header.packageId} for demand ${inspected.header.demandId} (order ${inspected.header.orderReference})`,
      "header signature valid",
      "payload NOT checked: give --key (and --wrapped-key) to check every segment, the manifest signature and every item hash",
    ];
  }
  return ["verified", ...describe({ ...(await decryptAll(args, createDiscardSink(), providerKey)), signedBy: providerKey }, args)];
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
    if (error instanceof UsageError || error instanceof PinError) {
      console.error(`${error.message}\n${USAGE}`);
      return 2;
    }
    if (error instanceof PackageError) {
      console.error(`FAILED (${error.code}): ${error.message}`);
      return 1;
    }
    if (error instanceof Interrupted) {
      console.error(error.message);
      return 130;
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
