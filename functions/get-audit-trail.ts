import { app } from "@azure/functions";
import { getAuditServices } from "../shared/composition/audit-services";
import { makeGetAuditTrailHandler } from "./handlers/audit-trail-handlers";
import { AuditTrailSchema, DemandIdParams, jsonResponse, problemResponse } from "../shared/http/api-schemas";
import { documentRoute } from "../shared/http/openapi-registry";

app.http("getAuditTrail", {
  route: "demands/{id}/audit",
  methods: ["GET"],
  authLevel: "admin",
  handler: makeGetAuditTrailHandler(getAuditServices),
});

documentRoute({
  name: "getAuditTrail",
  method: "get",
  route: "demands/{id}/audit",
  auth: "admin",
  operation: {
    summary: "A demand's hash-chained audit trail, its verification and its checkpoint checks",
    requestParams: { path: DemandIdParams },
    responses: { "200": jsonResponse("The chain and its verification", AuditTrailSchema), "404": problemResponse("No such demand") },
  },
});
