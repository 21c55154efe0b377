import { app } from "@azure/functions";
import * as df from "durable-functions";
import { getInvocationServices } from "../shared/composition/services";
import { makeCustomerObjectionHandler } from "./handlers/customer-objection-handler";
import { z } from "zod";
import { DemandStatus } from "../shared/domain/enums";
import { DemandIdParams, jsonBody, jsonResponse, problemResponse } from "../shared/http/api-schemas";
import { documentRoute } from "../shared/http/openapi-registry";
import { Objection } from "./handlers/customer-objection-handler";

app.http("recordCustomerObjection", {
  route: "manage/demands/{id}/objection",
  methods: ["POST"],
  authLevel: "admin",
  extraInputs: [df.input.durableClient()],
  handler: makeCustomerObjectionHandler(getInvocationServices),
});

documentRoute({
  name: "recordCustomerObjection",
  method: "post",
  route: "manage/demands/{id}/objection",
  auth: "admin",
  operation: {
    summary: "Record a customer's objection received after notice; reviewers look again",
    requestParams: { path: DemandIdParams },
    requestBody: jsonBody(Objection),
    responses: {
      "202": jsonResponse("Objection recorded", z.object({ id: z.string(), status: DemandStatus })),
      "400": problemResponse("Invalid; errors lists the fields"),
      "404": problemResponse("No such demand"),
      "409": problemResponse("The demand is not in a state where an objection can be heard"),
    },
  },
});
