import { app } from "@azure/functions";
import { getAuditServices } from "../shared/composition/audit-services";
import { makeVerifyAuditHandler } from "./handlers/audit-trail-handlers";
import { ChainReportSchema, jsonBody, jsonResponse, problemResponse } from "../shared/http/api-schemas";
import { documentRoute } from "../shared/http/openapi-registry";
import { VerifyRequest } from "./handlers/audit-trail-handlers";

app.http("verifyAudit", {
  route: "audit/verify",
  methods: ["POST"],
  authLevel: "admin",
  handler: makeVerifyAuditHandler(getAuditServices),
});

documentRoute({
  name: "verifyAudit",
  method: "post",
  route: "audit/verify",
  auth: "admin",
  operation: {
    summary: "Verify a stored chain by demand id, or any exported chain (optionally against a signed checkpoint)",
    requestBody: jsonBody(VerifyRequest),
    responses: {
      "200": jsonResponse("The verification", ChainReportSchema),
      "400": problemResponse("The chain or checkpoint cannot be read"),
      "404": problemResponse("No audit entries exist for that demand id"),
    },
  },
});
