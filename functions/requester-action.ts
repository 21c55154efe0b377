import { app } from "@azure/functions";
import { getServices } from "../shared/composition/services";
import { makeRequesterActionHandler } from "./handlers/manage-requester-handlers";
import { z } from "zod";
import { jsonResponse, problemResponse, ProfileWithCredentialSchema, RequesterProfileSchema } from "../shared/http/api-schemas";
import { documentRoute } from "../shared/http/openapi-registry";

app.http("requesterAction", {
  route: "manage/requesters/{id}/{action}",
  methods: ["POST"],
  authLevel: "admin",
  handler: makeRequesterActionHandler(getServices),
});

documentRoute({
  name: "requesterAction",
  method: "post",
  route: "manage/requesters/{id}/{action}",
  auth: "admin",
  operation: {
    summary: "Suspend, reinstate, revoke (final) or rotate the credential of a requester",
    requestParams: { path: z.object({ id: z.string(), action: z.enum(["suspend", "reinstate", "revoke", "rotate-credential"]) }) },
    responses: {
      "200": jsonResponse("The profile (with the new credential, shown once, after rotate-credential)", z.union([RequesterProfileSchema, ProfileWithCredentialSchema])),
      "404": problemResponse("No such requester or action"),
      "409": problemResponse("Not allowed in the requester's state (revocation is final)"),
    },
  },
});
