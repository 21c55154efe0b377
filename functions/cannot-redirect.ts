import { app } from "@azure/functions";
import * as df from "durable-functions";
import { getInvocationServices } from "../shared/composition/services";
import { makeCannotRedirectHandler } from "./handlers/cannot-redirect-handler";
import { DemandStatusViewSchema } from "../shared/use-cases/demand-status";
import { DemandIdParams, jsonBody, jsonResponse, problemResponse } from "../shared/http/api-schemas";
import { documentRoute } from "../shared/http/openapi-registry";
import { CannotRedirect } from "./handlers/cannot-redirect-handler";

app.http("cannotRedirect", {
  route: "demands/{id}/cannot-redirect",
  methods: ["POST"],
  authLevel: "anonymous",
  extraInputs: [df.input.durableClient()],
  handler: makeCannotRedirectHandler(getInvocationServices),
});

documentRoute({
  name: "cannotRedirect",
  method: "post",
  route: "demands/{id}/cannot-redirect",
  auth: "requester",
  operation: {
    summary: "The legal reason why the enterprise customer cannot be approached (R4); a reviewer decides",
    requestParams: { path: DemandIdParams },
    requestBody: jsonBody(CannotRedirect),
    responses: {
      "202": jsonResponse("Reason recorded; a reviewer decides", DemandStatusViewSchema),
      "400": problemResponse("The reason is missing or too short; errors lists the fields"),
      "404": problemResponse("No demand of yours has this id"),
      "409": problemResponse("The demand is not waiting for a redirect answer"),
    },
  },
});
