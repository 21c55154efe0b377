import { app } from "@azure/functions";
import { getAuditServices } from "../shared/composition/audit-services";
import { makeVerifyAuditHandler } from "./handlers/audit-trail-handlers";

app.http("verifyAudit", {
  route: "audit/verify",
  methods: ["POST"],
  authLevel: "admin",
  handler: makeVerifyAuditHandler(getAuditServices),
});
