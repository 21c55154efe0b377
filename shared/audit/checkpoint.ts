import { constants, createHash, createPublicKey, verify } from "node:crypto";
import { z } from "zod";
import { SIGN_ALGORITHM, type PackageSigner } from "../ports/key-service";
import { canonicalJson } from "../use-cases/canonical-json";
import type { AuditEntry } from "./audit-entry";
import { merkleRoot } from "./merkle";
import { verifyChain, type ChainProblem } from "./verify-chain";

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

/** One chain's head as a checkpoint records it. */
export const ChainHead = z.strictObject({ demandId: z.string().min(1), length: z.number().int().positive(), head: hex64 });
export type ChainHead = z.infer<typeof ChainHead>;

/** What a checkpoint commits to about the one before it: its date and checkpointHash. */
export const PreviousCheckpoint = z.strictObject({ date: z.iso.date(), hash: hex64 });
export type PreviousCheckpoint = z.infer<typeof PreviousCheckpoint>;

/** The format written today: v1 plus `previous` (null only for the first checkpoint), so the days form a hash chain. */
export const CHECKPOINT_FORMAT = "lrw-audit-checkpoint-v2";

/**
 * The signed part of a checkpoint; `heads` are sorted by demand id (UTF-16 code unit order). Version 1
 * checkpoints (written before the chain) have no `previous` and still verify on their own.
 */
export const UnsignedCheckpoint = z.strictObject({
  format: z.enum(["lrw-audit-checkpoint-v1", CHECKPOINT_FORMAT]),
  date: z.iso.date(),
  treeSize: z.number().int().nonnegative(),
  root: hex64,
  heads: z.array(ChainHead),
  previous: PreviousCheckpoint.nullable().optional(),
});
export type UnsignedCheckpoint = z.infer<typeof UnsignedCheckpoint>;

/** A signed daily checkpoint: PS256 over SHA-256 of canonicalCheckpointBytes(unsigned part). */
export const Checkpoint = UnsignedCheckpoint.extend({
  algorithm: z.literal(SIGN_ALGORITHM),
  keyId: z.string().min(1),
  /** Base64. */
  signature: z.string().min(1),
});
export type Checkpoint = z.infer<typeof Checkpoint>;

/** A stored checkpoint's JSON as a checkpoint, or undefined when it does not read as one (the store is writable). */
export function parseStoredCheckpoint(json: string): Checkpoint | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    // Not JSON at all: as unreadable as any other misshapen checkpoint.
    return undefined;
  }
  const parsed = Checkpoint.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** The Merkle leaf data of a head: UTF-8 of `${demandId}:${length}:${head}`. */
export function headLeafData(head: ChainHead): Buffer {
  return Buffer.from(`${head.demandId}:${head.length}:${head.head}`, "utf8");
}

/**
 * Builds the unsigned checkpoint of a day from chain heads: sorts them by demand id, computes the RFC 6962 root
 * and commits to the previous checkpoint (null for the first).
 */
export function buildUnsignedCheckpoint(date: string, heads: readonly ChainHead[], previous: PreviousCheckpoint | null = null): UnsignedCheckpoint {
  const sorted = [...heads].sort((a, b) => (a.demandId < b.demandId ? -1 : a.demandId > b.demandId ? 1 : 0));
  return { format: CHECKPOINT_FORMAT, date, treeSize: sorted.length, root: merkleRoot(sorted.map(headLeafData)).toString("hex"), heads: sorted, previous };
}

/** The signed bytes: UTF-8 JSON of the unsigned fields with keys sorted at every level and no whitespace (v1: without `previous`). */
export function canonicalCheckpointBytes(checkpoint: UnsignedCheckpoint): Buffer {
  const { format, date, treeSize, root, heads, previous } = checkpoint;
  const fields = format === CHECKPOINT_FORMAT ? { format, date, treeSize, root, heads, previous: previous ?? null } : { format, date, treeSize, root, heads };
  return Buffer.from(canonicalJson(fields), "utf8");
}

/** What the next checkpoint commits to: SHA-256 (hex) of this one's signed bytes. */
export function checkpointHash(checkpoint: UnsignedCheckpoint): string {
  return createHash("sha256").update(canonicalCheckpointBytes(checkpoint)).digest("hex");
}

/** Signs a checkpoint with the provider's signing key (PS256 over the SHA-256 of its canonical bytes). */
export async function signCheckpoint(unsigned: UnsignedCheckpoint, signer: PackageSigner): Promise<Checkpoint> {
  const digest = createHash("sha256").update(canonicalCheckpointBytes(unsigned)).digest();
  const signed = await signer.sign(digest);
  return { ...unsigned, algorithm: signed.algorithm, keyId: signed.keyId, signature: Buffer.from(signed.signature).toString("base64") };
}

/** Why a checkpoint itself does not hold. */
export type CheckpointProblem = "bad signature" | "root mismatch" | "tree size mismatch" | "heads not sorted";

/** Checks a checkpoint's signature against the provider's public key and its root against its heads. */
export function verifyCheckpoint(checkpoint: Checkpoint, publicKeyPem: string): { ok: true } | { ok: false; problem: CheckpointProblem } {
  const rebuilt = buildUnsignedCheckpoint(checkpoint.date, checkpoint.heads);
  if (rebuilt.heads.some((h, i) => h.demandId !== checkpoint.heads[i]?.demandId)) return { ok: false, problem: "heads not sorted" };
  if (checkpoint.treeSize !== checkpoint.heads.length) return { ok: false, problem: "tree size mismatch" };
  if (rebuilt.root !== checkpoint.root) return { ok: false, problem: "root mismatch" };
  const valid = verify(
    "sha256",
    canonicalCheckpointBytes(checkpoint),
    { key: createPublicKey(publicKeyPem), padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
    Buffer.from(checkpoint.signature, "base64"),
  );
  return valid ? { ok: true } : { ok: false, problem: "bad signature" };
}

/** The verdict on a chain against a checkpoint. */
export type CheckpointVerification =
  | { ok: true; covered: true; checkpointedLength: number }
  | { ok: true; covered: false }
  | { ok: false; problem: "truncated" | "head mismatch"; checkpointedLength: number }
  | { ok: false; problem: ChainProblem; brokenAt: number };

/**
 * Checks that a chain is consistent with a checkpoint: the chain must verify, be at least as long as
 * checkpointed, and its first `length` entries must hash to the checkpointed head — so a chain rewritten
 * after the checkpoint, even with every hash recomputed, is caught. A chain the checkpoint does not list is
 * reported as not covered.
 */
export function verifyAgainstCheckpoint(demandId: string, entries: readonly AuditEntry[], checkpoint: UnsignedCheckpoint): CheckpointVerification {
  const chain = verifyChain(entries, demandId);
  if (!chain.ok) return { ok: false, problem: chain.problem, brokenAt: chain.brokenAt };
  const recorded = checkpoint.heads.find((h) => h.demandId === demandId);
  if (recorded === undefined) return { ok: true, covered: false };
  if (entries.length < recorded.length) return { ok: false, problem: "truncated", checkpointedLength: recorded.length };
  if (entries[recorded.length - 1]?.hash !== recorded.head) return { ok: false, problem: "head mismatch", checkpointedLength: recorded.length };
  return { ok: true, covered: true, checkpointedLength: recorded.length };
}
