import { app } from "@azure/functions";
import { getServices } from "../shared/composition/services";
import { makeVerifyAuditHandler } from "./handlers/audit-trail-handlers";

app.http("verifyAudit", {
  route: "audit/verify",
  methods: ["POST"],
  authLevel: "admin",
  handler: makeVerifyAuditHandler(async () => {
    const services = await getServices();
    return { ...services, signer: services.keys, maxBodyBytes: services.config.AUDIT_VERIFY_MAX_BODY_BYTES };
  }),
});
