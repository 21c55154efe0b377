import { app } from "@azure/functions";
import { config, getServices } from "../shared/composition/services";
import { makeAuditCheckpointTimer } from "./handlers/audit-checkpoint-timer";

app.timer("auditCheckpoint", {
  schedule: config.AUDIT_CHECKPOINT_SCHEDULE,
  handler: makeAuditCheckpointTimer(async () => {
    const services = await getServices();
    return { ...services, signer: services.keys };
  }),
});
