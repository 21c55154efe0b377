import { z } from "zod";

/** The previous-hash of a chain's first entry: 64 zeros. */
export const GENESIS_HASH = "0".repeat(64);

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, "must be a lower-case hex SHA-256");

/** Who did a step: a role ("system", "requester", "reviewer", "customer", "admin"), optionally ":<id>" (e.g. "reviewer:<email hash>"). */
export const AuditActor = z
  .string()
  .regex(/^(system|requester|reviewer|customer|admin)(:[\x21-\x7e]{1,200})?$/, "must be a role, optionally followed by :id");

/** What a caller appends: the time (passed in), the actor, the step and optional detail without customer data. */
export const AuditAppend = z.strictObject({
  at: z.iso.datetime(),
  actor: AuditActor,
  step: z.string().regex(/^[a-z0-9_.-]{1,64}$/, "must be a short lower-case step name"),
  detail: z.string().max(2000).optional(),
  /** SHA-256 of a document involved in the step (never the document). */
  documentDigest: hex64.optional(),
});
export type AuditAppend = z.infer<typeof AuditAppend>;

/** One link of a demand's hash chain as stored; `id` is the zero-padded sequence number. */
export const AuditEntry = AuditAppend.extend({
  id: z.string().regex(/^[0-9]{10}$/),
  demandId: z.string().min(1).max(128),
  seq: z.number().int().nonnegative(),
  prevHash: hex64,
  hash: hex64,
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** The item id of a sequence number: ten digits, so ids sort as numbers do. */
export function sequenceId(seq: number): string {
  return String(seq).padStart(10, "0");
}
