import { app } from "@azure/functions";
import * as df from "durable-functions";
import { config, getInvocationServices } from "../shared/composition/services";
import { wakeDueLifecycles } from "../shared/use-cases/wake-due-lifecycles";

app.timer("wakeLifecycles", {
  schedule: config.LIFECYCLE_WAKE_SCHEDULE,
  extraInputs: [df.input.durableClient()],
  handler: async (_timer, context) => {
    const services = await getInvocationServices(context);
    const operators = services.config.OPERATOR_EMAILS ?? services.config.REVIEWERS_ESCALATION;
    await wakeDueLifecycles({ ...services, operators, historyRetentionDays: services.config.LIFECYCLE_HISTORY_RETENTION_DAYS, log: (m) => context.warn(m) });
  },
});
