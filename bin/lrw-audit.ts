#!/usr/bin/env node
/** Verifies an exported audit chain offline, optionally against a signed daily checkpoint (R12: anyone with the log can verify it). */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { Checkpoint, verifyCheckpoint } from "../shared/audit/checkpoint";
import { verifyCheckpointChain, type CheckpointChainVerification } from "../shared/audit/checkpoint-chain";
import { ExportedChain, isChainReportOk, verifyExportedChain, type ChainReport } from "../shared/audit/exported-chain";

const USAGE = `usage:
  lrw-audit verify <chain.json> [--checkpoint <checkpoint.json> --public-key <signing-key.pem>...] [--json]
  lrw-audit verify-checkpoints --public-key <signing-key.pem>... <checkpoint.json>... [--json]

  --public-key may be given once per published signing key (the provider publishes a rotated key alongside the old
  one); each checkpoint is checked against the one that signed it.
  <chain.json> is an array of entries or an object with "entries" (the GET /api/demands/{id}/audit answer).
  verify-checkpoints checks consecutive daily checkpoints as a chain: each validly signed, no day missing,
  each committing to the day before (so an old day rewritten, even re-signed, is caught).
  Exit status: 0 verified, 1 not verified, 2 usage or unreadable input.`;

class UsageError extends Error {}

interface Args {
  command: "verify" | "verify-checkpoints";
  chainPath: string;
  checkpointPaths: string[];
  checkpointPath?: string | undefined;
  publicKeyPaths: string[];
  json: boolean;
}

function parseCommandLine(argv: string[]): Args {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { checkpoint: { type: "string" }, "public-key": { type: "string", multiple: true }, json: { type: "boolean", default: false } },
  });
  const [command, ...files] = positionals;
  if (command === "verify-checkpoints") {
    if (files.length === 0 || values["public-key"] === undefined) throw new UsageError("expected: verify-checkpoints --public-key <pem> <checkpoint.json>...");
    return { command, chainPath: "", checkpointPaths: files, publicKeyPaths: values["public-key"], json: values.json };
  }
  const [chainPath, ...rest] = files;
  if (command !== "verify" || chainPath === undefined || rest.length > 0) throw new UsageError("expected: verify <chain.json>");
  if ((values.checkpoint === undefined) !== (values["public-key"] === undefined)) throw new UsageError("--checkpoint and --public-key go together");
  return { command, chainPath, checkpointPaths: [], checkpointPath: values.checkpoint, publicKeyPaths: values["public-key"] ?? [], json: values.json };
}

/** The published keys, read once; each checkpoint is checked against the one whose signature holds (else the first). */
async function keyChooser(paths: readonly string[]): Promise<(checkpoint: Checkpoint) => string> {
  const pems: string[] = [];
  for (const path of paths) pems.push(await readFile(path, "utf8"));
  return (checkpoint) => pems.find((pem) => verifyCheckpoint(checkpoint, pem).ok) ?? pems[0] ?? "";
}

async function readJson(path: string, what: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, "utf8")) as unknown;
  } catch (error) {
    throw new UsageError(`cannot read the ${what} ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function parseOrExplain<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  throw new UsageError(`the ${what} is not in the expected format${first === undefined ? "" : ` (${first.path.map(String).join(".") || "(root)"}: ${first.message})`}`);
}

function describe(report: ChainReport): string[] {
  const lines: string[] = [];
  const chain = report.chain;
  lines.push(
    chain.ok
      ? `chain of demand ${report.demandId ?? "(empty)"}: ${chain.length} entries verify, head ${chain.head}`
      : `chain of demand ${report.demandId ?? "(unknown)"} BROKEN at entry ${chain.brokenAt}: ${chain.problem}`,
  );
  if (report.checkpoint !== undefined) {
    const { signature, consistency } = report.checkpoint;
    lines.push(signature.ok ? "checkpoint signature valid" : `checkpoint INVALID: ${signature.problem}`);
    if (consistency.ok) lines.push(consistency.covered ? `consistent with the checkpoint (first ${consistency.checkpointedLength} entries)` : "the checkpoint does not cover this demand");
    else lines.push(`INCONSISTENT with the checkpoint: ${consistency.problem}`);
  }
  return lines;
}

function describeCheckpointChain(verdict: CheckpointChainVerification): string[] {
  if (!verdict.ok) return [`checkpoint chain BROKEN at ${verdict.date}: ${verdict.problem}`];
  if (!("head" in verdict)) return ["no checkpoints"];
  return [`${verdict.length} daily checkpoints ${verdict.from} to ${verdict.to} verify as a chain, head ${verdict.head}`];
}

async function verifyCheckpointFiles(args: Args): Promise<number> {
  const checkpoints: Checkpoint[] = [];
  for (const path of args.checkpointPaths) checkpoints.push(parseOrExplain(Checkpoint, await readJson(path, "checkpoint"), `checkpoint ${path}`));
  checkpoints.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const verdict = verifyCheckpointChain(checkpoints, await keyChooser(args.publicKeyPaths));
  if (args.json) console.log(JSON.stringify(verdict));
  else for (const line of [...describeCheckpointChain(verdict), verdict.ok ? "VERIFIED" : "NOT VERIFIED"]) console.log(line);
  return verdict.ok ? 0 : 1;
}

async function main(): Promise<number> {
  let report: ChainReport;
  let args: Args;
  try {
    args = parseCommandLine(process.argv.slice(2));
    if (args.command === "verify-checkpoints") return await verifyCheckpointFiles(args);
    const chain = parseOrExplain(ExportedChain, await readJson(args.chainPath, "chain"), "chain");
    const supplied = args.checkpointPath === undefined ? undefined : parseOrExplain(Checkpoint, await readJson(args.checkpointPath, "checkpoint"), "checkpoint");
    const checkpoint = supplied === undefined ? undefined : { checkpoint: supplied, publicKeyPem: (await keyChooser(args.publicKeyPaths))(supplied) };
    report = verifyExportedChain(chain, checkpoint);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n${USAGE}`);
    return 2;
  }
  const ok = isChainReportOk(report);
  if (args.json) console.log(JSON.stringify({ ok, ...report }));
  else for (const line of [...describe(report), ok ? "VERIFIED" : "NOT VERIFIED"]) console.log(line);
  return ok ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
