import { z } from "zod";

/** What a review link asks a reviewer to decide. */
export const ReviewKind = z.enum(["approval", "redirect", "secrecy_expiry", "secrecy_confirmation"]);
export type ReviewKind = z.infer<typeof ReviewKind>;

/** A review round's name, e.g. "review-1", "redirect-1", "secrecy-expiry-2", "secrecy-confirm-1", "notice-1". */
export const RoundName = z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, "must be lower-case letters, digits and dashes");
