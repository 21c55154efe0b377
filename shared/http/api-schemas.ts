import { z } from "zod";
import { AuditEntry } from "../audit/audit-entry";
import { WrappedKeyFile } from "../package/format";
import { VettedRequester } from "../domain/requester";

// Response bodies as zod schemas, for the OpenAPI document. They describe what the handlers answer; none carries
// customer data (R1): a requester sees status, reasons and timeline, and a released package only as a link + key.

/** An RFC 9457 problem, as every error is answered. */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    invocationId: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional().meta({ description: "Every field that was wrong, with its constraint." }),
  })
  .meta({ id: "Problem" });

/** Path parameter of a demand's routes. */
export const DemandIdParams = z.object({ id: z.string().meta({ description: "The demand id from the Location header." }) });

/** A requester's profile (no credential material). */
export const RequesterProfileSchema = VettedRequester.omit({ credentialHash: true }).meta({ id: "RequesterProfile" });

/** A requester's profile with its credential, shown once. */
export const ProfileWithCredentialSchema = z
  .object({ requester: RequesterProfileSchema, credential: z.string().meta({ description: "lrw1.<requester>.<credential>.<secret>; shown once, stored hashed." }) })
  .meta({ id: "ProfileWithCredential" });

/** One sealed package as the requester receives it: a short-lived link and the data key wrapped to its own key. */
export const PackageLink = z
  .object({
    packageId: z.string(),
    downloadUrl: z.url().meta({ description: "Short-lived read-only link to the sealed package." }),
    expiresAt: z.iso.datetime(),
    size: z.number().int(),
    sha256: z.string(),
    manifestSha256: z.string(),
    keyOption: z.string(),
    wrappedKey: WrappedKeyFile.nullable(),
    keyNote: z.string().optional(),
  })
  .meta({ id: "PackageLink" });

/** GET /api/demands/{id}/package. */
export const PackageView = z
  .object({ demandId: z.string(), sealedAt: z.iso.datetime(), packages: z.array(PackageLink), note: z.string().optional() })
  .meta({ id: "PackageView" });

/** GET /api/health. */
export const HealthView = z.object({ status: z.enum(["ok", "degraded"]), checks: z.record(z.string(), z.string()) }).meta({ id: "Health" });

/** GET /api/demands/{id}/audit (administrators). */
/** The stored daily checkpoints from a demand's first day on, verified as a chain (also POST /api/audit/verify { checkpoints }). */
const CheckpointChainSchema = z
  .looseObject({ ok: z.boolean(), from: z.string().optional(), to: z.string().optional(), length: z.number().int().optional(), head: z.string().optional(), date: z.string().optional(), problem: z.string().optional() })
  .meta({ id: "CheckpointChain" });

export const AuditTrailSchema = z
  .object({
    demandId: z.string(),
    entries: z.array(AuditEntry),
    verification: z.looseObject({ ok: z.boolean() }),
    checkpoints: z.array(z.looseObject({ date: z.string() })),
    checkpointChain: CheckpointChainSchema,
  })
  .meta({ id: "AuditTrail" });

/** POST /api/audit/verify (administrators): one answer per kind of request (stored chain by demand id, exported chain, checkpoints). */
export const ChainReportSchema = z
  .union([
    z
      .object({ demandId: z.string(), length: z.number().int(), verification: z.looseObject({ ok: z.boolean() }), checkpoints: z.array(z.looseObject({ date: z.string() })), checkpointChain: CheckpointChainSchema })
      .meta({ description: "{ demandId }: the stored chain, its checkpoints and the checkpoint chain" }),
    z
      .object({ demandId: z.string().optional(), chain: z.looseObject({ ok: z.boolean() }), checkpoint: z.looseObject({}).optional() })
      .meta({ description: "{ entries }: an exported chain, optionally against a supplied checkpoint" }),
    CheckpointChainSchema,
  ])
  .meta({ id: "ChainReport" });

/** The transparency report of one half-year (JSON form; CSV and HTML carry the same figures). */
export const TransparencyReportSchema = z.looseObject({ format: z.literal("lrw-transparency-report-v1"), period: z.string(), periodStart: z.string(), generatedOn: z.string() }).meta({ id: "TransparencyReport" });

/** An OpenAPI response answered as a problem. */
export function problemResponse(description: string) {
  return { description, content: { "application/problem+json": { schema: Problem } } };
}

/** An OpenAPI response with a JSON body. */
export function jsonResponse(description: string, schema: z.ZodType) {
  return { description, content: { "application/json": { schema } } };
}

/** An OpenAPI JSON request body. */
export function jsonBody(schema: z.ZodType) {
  return { required: true, content: { "application/json": { schema } } };
}
