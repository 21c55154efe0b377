import { z } from "zod";
import { DataCategory, RejectionReason } from "../../enums";
import { LifecycleEvent } from "../lifecycle-events";
import type { DeciderEvent } from "./model";

/** The one durable external event every sender raises; its payload names what happened (see DESIGN §2). */
export const LIFECYCLE_EVENT_NAME = "LifecycleEvent";

/** What a sender raises: the kind of event and its payload. */
export const LifecycleEnvelope = z.object({ name: z.string(), payload: z.unknown() });
export type LifecycleEnvelope = z.infer<typeof LifecycleEnvelope>;

const Decision = z.object({
  round: z.string(),
  kind: z.string(),
  reviewer: z.string().min(1),
  action: z.string(),
  comment: z.string().optional(),
  narrowing: z
    .object({
      categories: z.array(DataCategory).optional(),
      targets: z.array(z.number().int().nonnegative()).optional(),
      dateRange: z.object({ from: z.string().optional(), to: z.string().optional() }).optional(),
    })
    .optional(),
  withholdReason: z.enum(["danger", "counterproductive"]).optional(),
  reason: RejectionReason.optional(),
  verification: z.string().optional(),
});

const RequesterAction = z.discriminatedUnion("action", [
  z.object({ action: z.literal("withdraw") }),
  // answeredAt: when the API accepted the answer, which reaches the lifecycle later (seconds on Azure).
  z.object({ action: z.literal("cannot_redirect"), answeredAt: z.iso.datetime().optional() }).loose(),
]);

/**
 * Reads a raised envelope as a decider event at `at`; a secrecy change is returned as such, since the interpreter must
 * load the live list of orders first. Anything unreadable is null (ignored: the senders validate before raising).
 */
export function readEnvelope(raw: unknown, at: string): DeciderEvent | { type: "secrecy_changed" } | null {
  const envelope = LifecycleEnvelope.safeParse(raw);
  if (!envelope.success) return null;
  const { name, payload } = envelope.data;
  switch (name) {
    case LifecycleEvent.reviewDecision: {
      const decision = Decision.safeParse(payload);
      return decision.success ? { type: "review_decision", at, decision: decision.data } : null;
    }
    case LifecycleEvent.requesterAction: {
      const action = RequesterAction.safeParse(payload);
      if (!action.success) return null;
      if (action.data.action === "withdraw") return { type: "withdrawn", at };
      return { type: "cannot_redirect", at, ...(action.data.answeredAt === undefined ? {} : { answeredAt: action.data.answeredAt }) };
    }
    case LifecycleEvent.secrecyOrderChanged:
      return { type: "secrecy_changed" };
    case LifecycleEvent.customerObjection: {
      const index = z.object({ index: z.number().int().nonnegative() }).safeParse(payload);
      return { type: "customer_objection", at, ...(index.success ? { index: index.data.index } : {}) };
    }
    case LifecycleEvent.tick:
      return { type: "tick", at };
    case LifecycleEvent.operatorResume: {
      const resume = z.object({ operator: z.string().min(1), parking: z.string().min(1).optional() }).safeParse(payload);
      if (!resume.success) return null;
      const { operator, parking } = resume.data;
      return { type: "operator_resumed", at, operator, ...(parking === undefined ? {} : { parking }) };
    }
    default:
      return null;
  }
}
