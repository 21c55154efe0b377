import { app } from "@azure/functions";
import { getAuditServices } from "../shared/composition/audit-services";
import { makeGetAuditTrailHandler } from "./handlers/audit-trail-handlers";

app.http("getAuditTrail", {
  route: "demands/{id}/audit",
  methods: ["GET"],
  authLevel: "admin",
  handler: makeGetAuditTrailHandler(getAuditServices),
});
