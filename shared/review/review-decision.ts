import { z } from "zod";
import { DataCategory, RejectionReason } from "../domain/enums";
import { EmailAddress, shownText } from "../domain/primitives";
import { ReviewKind, RoundName } from "./review-kind";

const REQUIRED_COMMENT = "Write a comment explaining this decision.";

/** A reviewer's written comment; required for decisions that stop or hold back something. */
const Comment = z.string({ error: REQUIRED_COMMENT }).trim().min(1, REQUIRED_COMMENT).max(4000, "Keep the comment under 4000 characters.").refine((text) => text === "" || shownText(text) !== "", REQUIRED_COMMENT);

/** R3: why a reviewer rejects or challenges, from the closed list the requester is told. */
const Reason = z.enum(RejectionReason.options, { error: "Choose the reason from the list (R3)." });

const REQUIRED_VERIFICATION = "Record how the emergency was verified out of band (e.g. a call back to the agency's number on file).";

/** R10: how a reviewer verified an emergency request out of band; required to approve an emergency. */
export const Verification = z
  .string({ error: REQUIRED_VERIFICATION })
  .trim()
  .min(1, REQUIRED_VERIFICATION)
  .max(2000, "Keep the verification record under 2000 characters.")
  .refine((text) => text === "" || shownText(text) !== "", REQUIRED_VERIFICATION);

const RangeDate = z.iso.date({ error: "Give both dates of the range as YYYY-MM-DD." });

/**
 * What a narrowing keeps: each present field is the new, smaller set (targets by their index in the demand); an absent
 * field is unchanged.
 */
export const Narrowing = z.strictObject({
  categories: z.array(DataCategory).min(1, "Keep at least one category, or reject the demand.").optional(),
  targets: z.array(z.number().int().nonnegative("Identifiers are chosen by their position in the demand.")).min(1, "Keep at least one identifier, or reject the demand.").optional(),
  dateRange: z.strictObject({ from: RangeDate, to: RangeDate }).optional(),
});
export type Narrowing = z.infer<typeof Narrowing>;

/** R5 b: why a reviewer withholds the customer notice. */
export const WithholdReason = z.enum(["danger", "counterproductive"]);
export type WithholdReason = z.infer<typeof WithholdReason>;

const CHOOSE = { error: "Choose one of the decisions offered." };

/** Decisions on approving a demand (R8), including narrowing it (R6) and withholding notice (R5 b). */
export const ApprovalDecision = z.discriminatedUnion(
  "action",
  [
    z.strictObject({ action: z.literal("approve"), comment: Comment.optional(), verification: Verification.optional() }),
    z.strictObject({ action: z.literal("reject"), reason: Reason, comment: Comment }),
    z.strictObject({ action: z.literal("narrow"), comment: Comment.optional(), narrowing: Narrowing, verification: Verification.optional() }),
    z.strictObject({ action: z.literal("challenge"), reason: Reason, comment: Comment }),
    z.strictObject({
      action: z.literal("withhold_notice"),
      withholdReason: z.enum(WithholdReason.options, { error: "Choose why notice is withheld: danger or counterproductive." }),
      comment: Comment,
      verification: Verification.optional(),
    }),
  ],
  CHOOSE,
);

/** Decisions on a requester's "cannot redirect" legal reason (R4). */
export const RedirectDecision = z.discriminatedUnion(
  "action",
  [
    z.strictObject({ action: z.literal("accept_reason"), comment: Comment }),
    z.strictObject({ action: z.literal("refuse_reason"), comment: Comment }),
  ],
  CHOOSE,
);

/** Decisions when a secrecy order expires (R9): notify, or withhold because notice would endanger someone. */
export const SecrecyExpiryDecision = z.discriminatedUnion(
  "action",
  [
    z.strictObject({ action: z.literal("notify"), comment: Comment.optional() }),
    z.strictObject({
      action: z.literal("withhold"),
      withholdReason: z.literal("danger", { error: "Withholding at expiry needs the reason danger." }),
      comment: Comment,
    }),
  ],
  CHOOSE,
);

/** Decisions on a secrecy order filed after intake (R5, R9): it restrains notice only once a reviewer confirmed it. */
export const SecrecyConfirmationDecision = z.discriminatedUnion(
  "action",
  [
    z.strictObject({ action: z.literal("confirm_order"), comment: Comment.optional() }),
    z.strictObject({ action: z.literal("refuse_order"), comment: Comment }),
  ],
  CHOOSE,
);

/** The decision schema for each review kind. */
export const DECISION_SCHEMAS = {
  approval: ApprovalDecision,
  redirect: RedirectDecision,
  secrecy_expiry: SecrecyExpiryDecision,
  secrecy_confirmation: SecrecyConfirmationDecision,
} as const;

/** Approval actions that release data, so an emergency's out-of-band verification is required for them (R10). */
export const RELEASING_ACTIONS: readonly string[] = ["approve", "narrow", "withhold_notice"];

/** A decision of any kind. */
export type ReviewDecision = z.infer<(typeof DECISION_SCHEMAS)[ReviewKind]>;

/** Every action a reviewer can take, per kind, in the order the form offers them. */
export const ACTIONS_BY_KIND = {
  approval: ["approve", "narrow", "reject", "challenge", "withhold_notice"],
  redirect: ["accept_reason", "refuse_reason"],
  secrecy_expiry: ["notify", "withhold"],
  secrecy_confirmation: ["confirm_order", "refuse_order"],
} as const satisfies Record<ReviewKind, readonly string[]>;

/** Any reviewer action. */
export const ReviewAction = z.enum([
  ...ACTIONS_BY_KIND.approval,
  ...ACTIONS_BY_KIND.redirect,
  ...ACTIONS_BY_KIND.secrecy_expiry,
  ...ACTIONS_BY_KIND.secrecy_confirmation,
]);
export type ReviewAction = z.infer<typeof ReviewAction>;

/**
 * The event the orchestration receives (external event "ReviewDecision"); parse it with this schema. `reviewer` is
 * the signed-in person's verified email (never taken from a link). The lifecycle must ignore a second decision by the
 * same reviewer in the same round: the review page raises the event again when a crash interrupted recording it.
 */
export const ReviewDecisionEvent = z
  .strictObject({
    round: RoundName,
    kind: ReviewKind,
    reviewer: EmailAddress,
    action: ReviewAction,
    comment: z.string().max(4000).optional(),
    narrowing: Narrowing.optional(),
    withholdReason: WithholdReason.optional(),
    /** reject and challenge: the R3 reason the requester is told. */
    reason: RejectionReason.optional(),
    /** Emergency approvals: how the request was verified out of band (R10). */
    verification: z.string().max(2000).optional(),
    decidedAt: z.iso.datetime(),
  })
  .refine((event) => DECISION_SCHEMAS[event.kind].safeParse(decisionPart(event)).success, {
    error: "the action and its fields do not fit the review kind",
  });
export type ReviewDecisionEvent = z.infer<typeof ReviewDecisionEvent>;

/** The decision fields of an event, without undefined keys. */
function decisionPart(event: {
  action: string;
  comment?: string;
  narrowing?: Narrowing;
  withholdReason?: string;
  reason?: string;
  verification?: string;
}): Record<string, unknown> {
  const { action, comment, narrowing, withholdReason, reason, verification } = event;
  return Object.fromEntries(Object.entries({ action, comment, narrowing, withholdReason, reason, verification }).filter(([, v]) => v !== undefined));
}

/** Builds the event for the orchestration from a validated decision. */
export function toDecisionEvent(
  decision: ReviewDecision,
  context: { round: string; kind: ReviewKind; reviewer: string; decidedAt: Date },
): ReviewDecisionEvent {
  return ReviewDecisionEvent.parse({
    round: context.round,
    kind: context.kind,
    reviewer: context.reviewer,
    decidedAt: context.decidedAt.toISOString(),
    ...decision,
  });
}
