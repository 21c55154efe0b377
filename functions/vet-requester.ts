import { app } from "@azure/functions";
import { getServices } from "../shared/composition/services";
import { makeVetRequesterHandler } from "./handlers/manage-requester-handlers";
import { VetRequesterInput } from "../shared/domain/requester";
import { jsonBody, jsonResponse, problemResponse, ProfileWithCredentialSchema } from "../shared/http/api-schemas";
import { documentRoute } from "../shared/http/openapi-registry";

// "admin" is a reserved route prefix in Azure Functions, hence "manage"; the admin key guards it.
app.http("vetRequester", { route: "manage/requesters", methods: ["POST"], authLevel: "admin", handler: makeVetRequesterHandler(getServices) });

documentRoute({
  name: "vetRequester",
  method: "post",
  route: "manage/requesters",
  auth: "admin",
  operation: {
    summary: "Vet a requester; its credential is shown once and stored hashed",
    requestBody: jsonBody(VetRequesterInput.meta({ id: "VetRequesterInput" })),
    responses: { "201": jsonResponse("Vetted", ProfileWithCredentialSchema), "400": problemResponse("Invalid; errors lists the fields") },
  },
});
