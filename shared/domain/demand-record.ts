import { z } from "zod";
import { DemandBody, Finding, StoredDocument, TimelineEntry } from "./demand";
import { DemandStatus, Outcome, ServiceChannel } from "./enums";
import type { DemandPlan } from "./policy/policy-decision";

/** A demand as stored: what was asked, how it was judged, and what has happened to it. */
export const DemandRecord = z.strictObject({
  id: z.string(),
  requesterId: z.string(),
  idempotencyKey: z.string(),
  /** SHA-256 of the canonical submission, so a replayed key with another body is caught. */
  requestFingerprint: z.string(),
  servedVia: ServiceChannel,
  receivedAt: z.iso.datetime(),
  body: DemandBody,
  document: StoredDocument,
  status: DemandStatus,
  outcome: Outcome.optional(),
  rejection: z.array(Finding).optional(),
  /** The policy's plan for a demand that passed validation (trusted: only the app writes it). */
  plan: z.custom<DemandPlan>().optional(),
  timeline: z.array(TimelineEntry),
});
export type DemandRecord = z.infer<typeof DemandRecord>;
