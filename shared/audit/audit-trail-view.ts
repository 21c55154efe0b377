import type { AuditLog, CheckpointStore } from "../ports/audit-log";
import type { PackageSigner } from "../ports/key-service";
import type { AuditEntry } from "./audit-entry";
import { Checkpoint, verifyAgainstCheckpoint, verifyCheckpoint, type CheckpointVerification } from "./checkpoint";
import { verifyChain, type ChainVerification } from "./verify-chain";

/** What reading a verified audit trail needs. */
export interface AuditTrailDeps {
  audit: AuditLog;
  checkpoints: CheckpointStore;
  signer: PackageSigner;
}

/** One checkpoint the chain was compared with. */
export interface CheckpointCheck {
  date: string;
  signature: { ok: true } | { ok: false; problem: string };
  consistency: CheckpointVerification;
}

/** A demand's chain with its own verification and the comparison with the checkpoint of each day it has entries on. */
export interface AuditTrailView {
  demandId: string;
  entries: AuditEntry[];
  verification: ChainVerification;
  checkpoints: CheckpointCheck[];
}

/** Reads a demand's chain, verifies it, and checks it against every daily checkpoint that should cover it. */
export async function readAuditTrail(deps: AuditTrailDeps, demandId: string): Promise<AuditTrailView> {
  const entries = await deps.audit.list(demandId);
  const dates = [...new Set(entries.map((e) => e.at.slice(0, 10)))].sort();
  const publicKeyPem = dates.length === 0 ? "" : await deps.signer.getSigningPublicKeyPem();
  const checkpoints: CheckpointCheck[] = [];
  for (const date of dates) {
    const json = await deps.checkpoints.get(date);
    if (json === null) continue;
    const checkpoint = Checkpoint.parse(JSON.parse(json));
    checkpoints.push({ date, signature: verifyCheckpoint(checkpoint, publicKeyPem), consistency: verifyAgainstCheckpoint(demandId, entries, checkpoint) });
  }
  return { demandId, entries, verification: verifyChain(entries, demandId), checkpoints };
}
