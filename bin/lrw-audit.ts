#!/usr/bin/env node
/** Verifies an exported audit chain offline, optionally against a signed daily checkpoint (R12: anyone with the log can verify it). */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { Checkpoint } from "../shared/audit/checkpoint";
import { ExportedChain, isChainReportOk, verifyExportedChain, type ChainReport } from "../shared/audit/exported-chain";

const USAGE = `usage:
  lrw-audit verify <chain.json> [--checkpoint <checkpoint.json> --public-key <signing-key.pem>] [--json]

  <chain.json> is an array of entries or an object with "entries" (the GET /api/demands/{id}/audit answer).
  Exit status: 0 verified, 1 not verified, 2 usage or unreadable input.`;

class UsageError extends Error {}

interface Args {
  chainPath: string;
  checkpointPath?: string | undefined;
  publicKeyPath?: string | undefined;
  json: boolean;
}

function parseCommandLine(argv: string[]): Args {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { checkpoint: { type: "string" }, "public-key": { type: "string" }, json: { type: "boolean", default: false } },
  });
  const [command, chainPath, ...rest] = positionals;
  if (command !== "verify" || chainPath === undefined || rest.length > 0) throw new UsageError("expected: verify <chain.json>");
  if ((values.checkpoint === undefined) !== (values["public-key"] === undefined)) throw new UsageError("--checkpoint and --public-key go together");
  return { chainPath, checkpointPath: values.checkpoint, publicKeyPath: values["public-key"], json: values.json };
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

async function main(): Promise<number> {
  let report: ChainReport;
  let args: Args;
  try {
    args = parseCommandLine(process.argv.slice(2));
    const chain = parseOrExplain(ExportedChain, await readJson(args.chainPath, "chain"), "chain");
    const checkpoint =
      args.checkpointPath === undefined || args.publicKeyPath === undefined
        ? undefined
        : { checkpoint: parseOrExplain(Checkpoint, await readJson(args.checkpointPath, "checkpoint"), "checkpoint"), publicKeyPem: await readFile(args.publicKeyPath, "utf8") };
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
