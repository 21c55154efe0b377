import { app } from "@azure/functions";
import { config, getServices } from "../shared/composition/services";
import { makeTransparencyPublishTimer } from "./handlers/transparency-publish-timer";

app.timer("publishTransparency", {
  schedule: config.TRANSPARENCY_PUBLISH_SCHEDULE,
  handler: makeTransparencyPublishTimer(async () => {
    const services = await getServices();
    return { ...services, firstPeriod: services.config.TRANSPARENCY_FIRST_PERIOD, operators: services.config.OPERATOR_EMAILS ?? services.config.REVIEWERS_ESCALATION };
  }),
});
