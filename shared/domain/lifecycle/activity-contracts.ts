import { z } from "zod";
import { Target } from "../demand";
import { DataCategory, Outcome, RejectionReason } from "../enums";

const Scope = z.object({
  categories: z.array(DataCategory),
  targets: z.array(Target),
  dateRange: z.object({ from: z.string(), to: z.string() }),
});

/** The objection window a disclosure follows (R5): see objection-gate.ts. */
const ObjectionWindow = z.object({ endsAt: z.iso.datetime(), heard: z.array(z.number().int().nonnegative()) });

const RoundRecord = z.object({
  round: z.string(),
  kind: z.enum(["approval", "redirect", "secrecy_expiry", "secrecy_confirmation"]),
  open: z.boolean(),
  decidedBy: z.array(z.string()),
  pool: z.enum(["primary", "escalation"]).optional(),
  deadline: z.string().optional(),
  scope: z.object({ categories: z.array(DataCategory), targets: z.array(z.number()), dateRange: z.object({ from: z.string(), to: z.string() }) }).optional(),
  decisions: z.array(z.object({ reviewer: z.string(), action: z.string(), at: z.string(), comment: z.string().optional() })).optional(),
});

/** One effect of the lifecycle, as the applyEffects activity receives it (the decider's Command). */
export const EffectSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("record"),
    stepId: z.string(),
    step: z.string(),
    detail: z.string().optional(),
    status: z.enum(["awaiting_redirect", "in_review", "awaiting_notice_window", "collecting", "delivered", "awaiting_secrecy_expiry", "needs_operator", "rejected"]).optional(),
    actor: z.string().optional(),
    reviewRound: RoundRecord.optional(),
    approvedScope: Scope.optional(),
    secrecyRuling: z.object({ index: z.number().int().nonnegative(), ruling: z.enum(["confirmed", "refused"]), by: z.string() }).optional(),
  }),
  z.object({
    type: z.literal("notify_requester"),
    key: z.string(),
    message: z.enum(["redirect", "redirect_reason_refused", "rejected", "closed"]),
    outcome: Outcome.optional(),
    answerBy: z.string().optional(),
    reason: RejectionReason.optional(),
    note: z.string().optional(),
  }),
  z.object({
    type: z.literal("request_review"),
    key: z.string(),
    round: z.string(),
    kind: z.enum(["approval", "redirect", "secrecy_expiry", "secrecy_confirmation", "secrecy_review_due"]),
    pool: z.enum(["primary", "escalation"]),
    notice: z.enum(["initial", "reminder", "escalation"]),
    deadline: z.string(),
  }),
  z.object({ type: z.literal("send_customer_notice"), key: z.string(), delayed: z.boolean(), scope: Scope, objectionEndsAt: z.iso.datetime().optional(), followsRedirect: z.boolean().optional() }),
  z.object({ type: z.literal("disclose"), key: z.string(), scope: Scope, objectionWindow: ObjectionWindow.optional() }),
  z.object({ type: z.literal("read_redirect_answer") }),
  z.object({ type: z.literal("read_secrecy_decisions"), round: z.string() }),
  z.object({ type: z.literal("conclude"), key: z.string(), outcome: Outcome }),
  z.object({ type: z.literal("close"), key: z.string(), outcome: Outcome }),
  z.object({ type: z.literal("schedule_wake"), at: z.string().nullable() }),
  z.object({ type: z.literal("alert_operator"), key: z.string(), code: z.string() }),
]);

/** The input of applyEffects: one decision's effects, run in order, each once. */
export const ApplyEffectsInput = z.object({ demandId: z.string().min(1), at: z.iso.datetime(), effects: z.array(EffectSchema) });
export type ApplyEffectsInput = z.infer<typeof ApplyEffectsInput>;

/** The input of loadDemand. */
export const LoadDemandInput = z.object({
  demandId: z.string().min(1),
  at: z.iso.datetime(),
  /** R4: read after the redirect deadline's status write closed the answer API: a read from before that write is stale. */
  redirectClosed: z.boolean().optional(),
  /** R9: read after the step at a secrecy order's end closed this expiry round: a read still showing it open is stale. */
  expiryRoundClosed: z.string().optional(),
});
export type LoadDemandInput = z.infer<typeof LoadDemandInput>;

/** What loadDemand returns: the facts the decider starts from. */
export const DemandFactsSchema = z.object({
  id: z.string(),
  rejected: z.boolean(),
  closed: z.boolean(),
  plan: z.custom<import("../policy/policy-decision").DemandPlan>((v) => v === null || (typeof v === "object" && v !== null && "allowedCategories" in v)).nullable(),
  scope: Scope,
  secrecyOrders: z.array(
    z.object({
      index: z.number().int().nonnegative(),
      reference: z.string(),
      expiresOn: z.string().optional(),
      lifted: z.boolean(),
      atIntake: z.boolean(),
      ruling: z.enum(["confirmed", "refused"]).optional(),
    }),
  ),
  /** R10: an emergency's first review round counts from it (absent in outputs recorded before it was kept). */
  receivedAt: z.iso.datetime().optional(),
  /** R4: when the API recorded a 'cannot redirect' answer on the demand (absent when none, or in outputs before it was kept). */
  redirectAnsweredAt: z.iso.datetime().optional(),
  /** R9: secrecy-expiry and confirmation decisions recorded on the demand (absent when none, or in outputs before they were kept). */
  secrecyDecisions: z
    .array(
      z.object({
        round: z.string(),
        kind: z.string(),
        reviewer: z.string(),
        action: z.string(),
        decidedAt: z.iso.datetime(),
        withholdReason: z.enum(["danger", "counterproductive"]).optional(),
        comment: z.string().optional(),
      }),
    )
    .optional(),
});

/** The input of disclose: collect, seal and release exactly the approved scope (R6), once per key. */
export const DiscloseInput = z.object({ demandId: z.string().min(1), scope: Scope, effectKey: z.string(), objectionWindow: ObjectionWindow.optional() });

/** What disclose returns. */
export const DisclosureResultSchema = z.object({
  itemCount: z.number().int().nonnegative(),
  contentDisclosed: z.boolean(),
  nonContentDisclosed: z.boolean(),
  objectionsPending: z.array(z.number().int().nonnegative()).optional(),
  withdrawalPending: z.boolean().optional(),
});

/** Activity name → input and output schema: the orchestrator, the registrations, the handlers and the test fakes are typed by this map. */
export const ActivityContracts = {
  loadDemand: { input: LoadDemandInput, output: DemandFactsSchema },
  applyEffects: { input: ApplyEffectsInput, output: z.null() },
  disclose: { input: DiscloseInput, output: DisclosureResultSchema },
} as const;

/** The name of a lifecycle activity. */
export type ActivityKey = keyof typeof ActivityContracts;
/** An activity's input type. */
export type ActivityInput<K extends ActivityKey> = z.input<(typeof ActivityContracts)[K]["input"]>;
/** An activity's output type. */
export type ActivityOutput<K extends ActivityKey> = z.output<(typeof ActivityContracts)[K]["output"]>;
