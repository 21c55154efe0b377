import { app } from "@azure/functions";
import { getServices } from "../shared/composition/services";
import { makeGetAuditTrailHandler } from "./handlers/audit-trail-handlers";

app.http("getAuditTrail", {
  route: "demands/{id}/audit",
  methods: ["GET"],
  authLevel: "admin",
  handler: makeGetAuditTrailHandler(async () => {
    const services = await getServices();
    return { ...services, signer: services.keys, maxBodyBytes: services.config.AUDIT_VERIFY_MAX_BODY_BYTES };
  }),
});
