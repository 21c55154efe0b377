import { z } from "zod";

/** A cost reimbursement claim (R13): a decimal amount in an ISO 4217 currency, with a note; recorded once. */
export const ReimbursementClaim = z.strictObject({
  amount: z.string().regex(/^(0|[1-9]\d{0,11})(\.\d{1,2})?$/, "must be a decimal amount such as 120 or 120.50"),
  currency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as USD or EUR"),
  note: z.string().trim().min(1).max(2000),
  recordedAt: z.iso.datetime(),
});
export type ReimbursementClaim = z.infer<typeof ReimbursementClaim>;
