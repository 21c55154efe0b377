import { z } from "zod";
import { DataCategory } from "./enums";
import { DateRange, DemandBody, Finding, SecrecyOrder, StoredDocument, Target, TimelineEntry } from "./demand";
import { DemandStatus, Outcome, ServiceChannel } from "./enums";
import type { DemandPlan } from "./policy/policy-decision";
import { ReimbursementClaim } from "./reimbursement-claim";
import { VetRequesterInput } from "./requester";
import { TargetOwner } from "./target-owners";

/** A review round as stored on the demand. */
export const ReviewRoundRecord = z.strictObject({
  round: z.string(),
  kind: z.enum(["approval", "redirect", "secrecy_expiry", "secrecy_confirmation"]),
  /** Who the round asked: primary reviewers, or (escalated) the escalation pool too; absent means primary. */
  pool: z.enum(["primary", "escalation"]).optional(),
  open: z.boolean(),
  decidedBy: z.array(z.string()),
  deadline: z.iso.datetime().optional(),
  scope: z
    .strictObject({ categories: z.array(DataCategory), targets: z.array(z.number().int().nonnegative()), dateRange: DateRange })
    .optional(),
  /** The decisions given so far in the round (reviewer, action, when, comment): later reviewers of the round see them. */
  decisions: z.array(z.strictObject({ reviewer: z.string(), action: z.string(), at: z.string(), comment: z.string().optional() })).optional(),
});
export type ReviewRoundRecord = z.infer<typeof ReviewRoundRecord>;

/** A secrecy order entry as stored on the demand. */
export const SecrecyOrderRecord = z.strictObject({
  order: SecrecyOrder,
  documentSha256: z.string().optional(),
  addedAt: z.iso.datetime(),
  lifted: z.boolean(),
  /** For an order filed after intake: a reviewer's ruling; it binds only once confirmed (R5). */
  ruling: z.enum(["confirmed", "refused"]).optional(),
  ruledBy: z.string().optional(),
  /** Set when a reviewer confirmed an order filed after intake (it restrains notice only from then on, R5, R9). */
  confirmedAt: z.iso.datetime().optional(),
  confirmedBy: z.string().optional(),
});
export type SecrecyOrderRecord = z.infer<typeof SecrecyOrderRecord>;

/** A demand as stored: what was asked, how it was judged, and what has happened to it. */
export const DemandRecord = z.strictObject({
  id: z.string(),
  requesterId: z.string(),
  /**
   * Who sent the demand, as the registry had vetted it at intake (absent on demands recorded before it was kept): who
   * asked is this requester, never the agency the body types, which is only the requester's own words (R5).
   */
  vettedRequester: VetRequesterInput.pick({ name: true, country: true }).optional(),
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
  /**
   * The account and customer each identifier reached at intake (absent on demands recorded before it was kept): the
   * notice and the disclosure refuse to go ahead when the directory has moved one since.
   */
  owners: z.array(TargetOwner).optional(),
  /** The policy's plan for a demand that passed validation (trusted: only the app writes it). */
  plan: z.custom<DemandPlan>().optional(),
  timeline: z.array(TimelineEntry),
  /** Review rounds as the lifecycle opened and closed them; the review pages read them. */
  reviewRounds: z.array(ReviewRoundRecord).default([]),
  /** Secrecy orders filed with the demand or later (extensions, liftings), in order (R9). */
  secrecyOrders: z.array(SecrecyOrderRecord).default([]),
  /** When the API accepted the requester's withdrawal, before passing it on: a disclosure after the objection window checks it (R1). */
  withdrawalRequestedAt: z.iso.datetime().optional(),
  /** The requester's legal reason why the customer cannot be approached (R4). */
  cannotRedirectReason: z.string().max(4000).optional(),
  /**
   * Reviewers' decisions in secrecy-expiry and secrecy-confirmation rounds, written by the review page before they are
   * raised (R9): the step at an order's end reads them, so one decided before the end but delivered after it still counts.
   */
  secrecyDecisions: z
    .array(
      z.strictObject({
        round: z.string(),
        kind: z.enum(["secrecy_expiry", "secrecy_confirmation"]),
        reviewer: z.string(),
        action: z.string(),
        decidedAt: z.iso.datetime(),
        withholdReason: z.enum(["danger", "counterproductive"]).optional(),
        comment: z.string().max(4000).optional(),
      }),
    )
    .optional(),
  /** When the API accepted that reason, written with it: the lifecycle judges it against the redirect deadline by this (R4). */
  cannotRedirectAnsweredAt: z.iso.datetime().optional(),
  /** Customers' objections received after notice, as compliance staff recorded them (R5): the reviewers who look again weigh them. */
  customerObjections: z.array(z.strictObject({ summary: z.string().max(4000), recordedAt: z.iso.datetime() })).optional(),
  /** The scope as reviewers approved it (after any narrowing): what the requester is told and what is collected (R6). */
  approvedScope: z
    .strictObject({ categories: z.array(DataCategory), targets: z.array(Target), dateRange: z.strictObject({ from: z.string(), to: z.string() }) })
    .optional(),
  /** When the lifecycle next acts on its own (a deadline kept as data; the scheduled scan wakes it). */
  wakeAt: z.iso.datetime().optional(),
  /** The orchestration time of the batch that last wrote `wakeAt`: an older batch's write, landing late, is ignored. */
  wakeStamp: z.iso.datetime().optional(),
  /** When the outcome became final and was counted (R11); the demand may stay open for a delayed notice. */
  concludedAt: z.iso.datetime().optional(),
  closedAt: z.iso.datetime().optional(),
  /** A cost reimbursement claim for a compelled disclosure, recorded by an administrator (R13). */
  reimbursement: ReimbursementClaim.optional(),
});
export type DemandRecord = z.infer<typeof DemandRecord>;
