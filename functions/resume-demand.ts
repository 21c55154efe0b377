import { app } from "@azure/functions";
import * as df from "durable-functions";
import { z } from "zod";
import { DemandStatus } from "../shared/domain/enums";
import { DemandIdParams, jsonResponse, problemResponse } from "../shared/http/api-schemas";
import { documentRoute } from "../shared/http/openapi-registry";
import { getInvocationServices } from "../shared/composition/services";
import { makeResumeDemandHandler } from "./handlers/resume-demand-handler";

app.http("resumeDemand", {
  route: "manage/demands/{id}/resume",
  methods: ["POST"],
  authLevel: "admin",
  extraInputs: [df.input.durableClient()],
  handler: makeResumeDemandHandler(getInvocationServices),
});

documentRoute({
  name: "resumeDemand",
  method: "post",
  route: "manage/demands/{id}/resume",
  auth: "admin",
  operation: {
    summary: "Resume a demand parked as needing an operator after a step kept failing; the step runs again",
    requestParams: { path: DemandIdParams },
    responses: {
      "202": jsonResponse("Resume requested", z.object({ id: z.string(), status: DemandStatus })),
      "404": problemResponse("No such demand"),
      "409": problemResponse("The demand is not waiting for an operator"),
    },
  },
});
