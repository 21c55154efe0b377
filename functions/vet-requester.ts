import { app } from "@azure/functions";
import { getServices } from "../shared/composition/services";
import { z } from "zod";
import { makeVetRequesterHandler } from "./handlers/manage-requester-handlers";
import { IDEMPOTENCY_KEY } from "./handlers/submit-demand-handler";
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
    description:
      "Once per Idempotency-Key: a retry with the same key and body (within a day, while the requester is active) answers 200 with the same requester and a credential that replaces the first, so one call never leaves two live credentials.",
    requestParams: { header: z.object({ "idempotency-key": z.string().regex(IDEMPOTENCY_KEY).meta({ description: "8 to 128 of letters, digits, . _ : -" }) }) },
    requestBody: jsonBody(VetRequesterInput.meta({ id: "VetRequesterInput" })),
    responses: {
      "201": jsonResponse("Vetted", ProfileWithCredentialSchema),
      "200": jsonResponse("A retry of this vetting: the same requester, its credential replaced", ProfileWithCredentialSchema),
      "400": problemResponse("Invalid, or no Idempotency-Key; errors lists the fields"),
      "409": problemResponse("This Idempotency-Key vetted a requester with other details, or one since suspended, revoked or vetted over a day ago"),
    },
  },
});
