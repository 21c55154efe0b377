import { z } from "zod";
import { Checkpoint } from "../../shared/audit/checkpoint";
import { verifyCheckpointChain } from "../../shared/audit/checkpoint-chain";
import { checkpointKeys } from "../../shared/audit/checkpoint-keys";
import { ExportedChain, verifyExportedChain } from "../../shared/audit/exported-chain";
import { readAuditTrail, type AuditTrailDeps } from "../../shared/audit/audit-trail-view";
import { DomainError } from "../../shared/errors/domain-error";
import { parseBody, readJsonBody } from "../../shared/http/read-json-body";
import { withProblems, type HttpHandler } from "./with-problems";

/** What the audit endpoints need. */
export interface AuditHandlerDeps extends AuditTrailDeps {
  maxBodyBytes: number;
}

export const VerifyRequest = z.union([
  z.strictObject({ demandId: z.string().min(1).max(128) }),
  z.strictObject({ demandId: z.string().min(1).max(128).optional(), entries: z.array(z.unknown()), checkpoint: z.unknown().optional() }),
  z.strictObject({ checkpoints: z.array(Checkpoint).min(1).max(5000) }),
]);

/** GET /api/demands/{id}/audit (administrators): the demand's audit chain, its verification and its checkpoint checks. */
export function makeGetAuditTrailHandler(resolve: () => Promise<AuditHandlerDeps>): HttpHandler {
  return withProblems(async (request) => {
    const deps = await resolve();
    const view = await readAuditTrail(deps, request.params.id ?? "");
    // A chain emptied after a checkpoint listed it is shown, truncated, not answered as unknown (R12).
    if (view.entries.length === 0 && view.checkpoints.length === 0) throw new DomainError("not-found", "No audit entries exist for this demand.");
    return { status: 200, headers: { "cache-control": "no-store" }, jsonBody: view };
  });
}

/**
 * POST /api/audit/verify (administrators): { demandId } verifies the stored chain (and its checkpoints);
 * { entries, demandId?, checkpoint? } verifies a supplied export, optionally against a supplied checkpoint;
 * { checkpoints } verifies supplied daily checkpoints as a chain (each valid, each committing to the day before).
 */
export function makeVerifyAuditHandler(resolve: () => Promise<AuditHandlerDeps>): HttpHandler {
  return withProblems(async (request) => {
    const deps = await resolve();
    const { value } = await readJsonBody(request, deps.maxBodyBytes);
    const body = parseBody(VerifyRequest, value);
    if ("checkpoints" in body) {
      const ordered = [...body.checkpoints].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
      return { status: 200, jsonBody: verifyCheckpointChain(ordered, await checkpointKeys(deps.signer, ordered)) };
    }
    if (!("entries" in body)) {
      const view = await readAuditTrail(deps, body.demandId);
      // A mistyped id has an empty chain, which verifies: answered "ok", it reads as a verified trail (R12).
      if (view.entries.length === 0 && view.checkpoints.length === 0) throw new DomainError("not-found", "No audit entries exist for this demand.");
      return {
        status: 200,
        jsonBody: { demandId: view.demandId, length: view.entries.length, verification: view.verification, checkpoints: view.checkpoints, checkpointChain: view.checkpointChain },
      };
    }
    const chain = parseBody(ExportedChain, { entries: body.entries, ...(body.demandId === undefined ? {} : { demandId: body.demandId }) });
    const supplied = body.checkpoint === undefined ? undefined : parseBody(Checkpoint, body.checkpoint);
    const checkpoint = supplied === undefined ? undefined : { checkpoint: supplied, publicKeyPem: (await checkpointKeys(deps.signer, [supplied]))(supplied) };
    return { status: 200, jsonBody: verifyExportedChain(chain, checkpoint) };
  });
}
