import * as df from "durable-functions";
import { getServices } from "../shared/composition/services";
import { makeAlertOperatorHandler } from "./handlers/alert-operator";
import { makeApplyEffectsHandler, type EffectHandlers } from "./handlers/apply-effects";
import { makeCloseDemandHandler } from "./handlers/close-demand";
import { makeConcludeDemandHandler } from "./handlers/conclude-demand";
import { makeNotifyRequesterHandler } from "./handlers/notify-requester";
import { makeRecordStepHandler } from "./handlers/record-step";
import { makeRequestReviewHandler } from "./handlers/request-review";
import { makeScheduleWakeHandler } from "./handlers/schedule-wake";
import { makeSendCustomerNoticeHandler } from "./handlers/send-customer-notice";
import { BatchDemandStore } from "./batch-demand-store";
import { contracted } from "./contracted";

/** Each effect over the app's services, built for one batch: its effects share their reads of the demand. */
async function effectHandlers(): Promise<EffectHandlers> {
  const shared = await getServices();
  const services = { ...shared, demands: new BatchDemandStore(shared.demands) };
  const deps = async () => services;
  const cfg = services.config;
  const record = makeRecordStepHandler(deps);
  const notify = makeNotifyRequesterHandler(async () => ({ ...services, publicBaseUrl: cfg.PUBLIC_BASE_URL }));
  const review = makeRequestReviewHandler(async () => ({
    ...services,
    tokens: services.reviewTokens,
    reviewers: { primary: cfg.REVIEWERS_PRIMARY, escalation: cfg.REVIEWERS_ESCALATION },
    publicBaseUrl: cfg.PUBLIC_BASE_URL,
    linkTtlHours: cfg.REVIEW_LINK_TTL_HOURS,
  }));
  const notice = makeSendCustomerNoticeHandler(async () => ({
    ...services,
    contact: { email: cfg.NOTICE_CONTACT_EMAIL, url: cfg.NOTICE_CONTACT_URL },
    objectionWindow: cfg.LIFECYCLE_OBJECTION_WINDOW,
  }));
  const conclude = makeConcludeDemandHandler(deps);
  const close = makeCloseDemandHandler(deps);
  const wake = makeScheduleWakeHandler(deps);
  const alert = makeAlertOperatorHandler(async () => ({ ...services, operators: cfg.OPERATOR_EMAILS ?? cfg.REVIEWERS_ESCALATION, publicBaseUrl: cfg.PUBLIC_BASE_URL }));
  return {
    record: (e, c) => record({ demandId: c.demandId, at: c.at, ...e }),
    notify_requester: (e, c) => notify({ demandId: c.demandId, effectKey: e.key, message: e.message, outcome: e.outcome, answerBy: e.answerBy, reason: e.reason, note: e.note }),
    request_review: (e, c) => review({ demandId: c.demandId, effectKey: e.key, round: e.round, kind: e.kind, pool: e.pool, notice: e.notice, deadline: e.deadline }),
    send_customer_notice: (e, c) => notice({ demandId: c.demandId, effectKey: e.key, delayed: e.delayed, scope: e.scope, ...(e.objectionEndsAt === undefined ? {} : { objectionEndsAt: e.objectionEndsAt }), ...(e.followsRedirect === true ? { followsRedirect: true } : {}) }),
    conclude: (e, c) => conclude({ demandId: c.demandId, at: c.at, key: e.key, outcome: e.outcome }),
    close: (e, c) => close({ demandId: c.demandId, at: c.at, key: e.key, outcome: e.outcome }),
    schedule_wake: (e, c) => wake({ demandId: c.demandId, at: e.at, stamp: c.at }),
    alert_operator: (e, c) => alert({ demandId: c.demandId, key: e.key, code: e.code }),
    disclose: () => Promise.reject(new Error("[disclose-in-batch] disclosure runs as its own activity")),
    read_secrecy_decisions: () => Promise.reject(new Error("[read-in-batch] the secrecy decisions are read by their own activity")),
    read_redirect_answer: () => Promise.reject(new Error("[read-in-batch] the redirect answer is read by its own activity")),
  };
}

/** The applyEffects activity: one decision's effects, in order, each once. */
export const applyEffects = df.app.activity("applyEffects", {
  handler: contracted("applyEffects", makeApplyEffectsHandler(effectHandlers)),
});
