import * as df from "durable-functions";
import { traced } from "./traced";
import { getServices } from "../shared/composition/services";
import { makeRequestReviewHandler } from "./handlers/request-review";

/** The requestReview activity, as the lifecycle calls it. */
export const requestReview = df.app.activity("requestReview", {
  handler: traced("requestReview", makeRequestReviewHandler(async () => {
    const services = await getServices();
    return {
      ...services,
      tokens: services.reviewTokens,
      reviewers: { primary: services.config.REVIEWERS_PRIMARY, escalation: services.config.REVIEWERS_ESCALATION },
      publicBaseUrl: services.config.PUBLIC_BASE_URL,
      linkTtlHours: services.config.REVIEW_LINK_TTL_HOURS,
    };
  })),
});
