import { z } from "zod";
import { AuditEntry } from "./audit-entry";
import { Checkpoint, verifyAgainstCheckpoint, verifyCheckpoint, type CheckpointVerification } from "./checkpoint";
import { verifyChain, type ChainVerification } from "./verify-chain";

/** An exported chain: a bare array of entries, or an object with `entries` (and optionally `demandId`), e.g. the GET …/audit answer. */
export const ExportedChain = z.union([
  z.array(AuditEntry).transform((entries) => ({ demandId: entries[0]?.demandId, entries })),
  z.looseObject({ demandId: z.string().min(1).optional(), entries: z.array(AuditEntry) }).transform((o) => ({ demandId: o.demandId ?? o.entries[0]?.demandId, entries: o.entries })),
]);
export type ExportedChain = z.infer<typeof ExportedChain>;

/** The full verdict on an exported chain, optionally also against a signed checkpoint. */
export interface ChainReport {
  demandId: string | undefined;
  chain: ChainVerification;
  checkpoint?: { signature: { ok: true } | { ok: false; problem: string }; consistency: CheckpointVerification };
}

/** Verifies an exported chain and, when given, checks it against a checkpoint signed by `publicKeyPem`. */
export function verifyExportedChain(chain: ExportedChain, checkpoint?: { checkpoint: Checkpoint; publicKeyPem: string }): ChainReport {
  const report: ChainReport = { demandId: chain.demandId, chain: verifyChain(chain.entries, chain.demandId) };
  if (checkpoint === undefined) return report;
  return {
    ...report,
    checkpoint: {
      // A supplied checkpoint is always checked: one that verified nothing must never read as verified.
      signature: verifyCheckpoint(checkpoint.checkpoint, checkpoint.publicKeyPem),
      consistency: chain.demandId === undefined ? { ok: true, covered: false } : verifyAgainstCheckpoint(chain.demandId, chain.entries, checkpoint.checkpoint),
    },
  };
}

/** True when the chain verifies and, if a checkpoint was given, it is validly signed and consistent with the chain. */
export function isChainReportOk(report: ChainReport): boolean {
  return report.chain.ok && (report.checkpoint === undefined || (report.checkpoint.signature.ok && report.checkpoint.consistency.ok));
}
