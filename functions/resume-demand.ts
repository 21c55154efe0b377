import { app } from "@azure/functions";
import * as df from "durable-functions";
import { getInvocationServices } from "../shared/composition/services";
import { makeResumeDemandHandler } from "./handlers/resume-demand-handler";

app.http("resumeDemand", {
  route: "manage/demands/{id}/resume",
  methods: ["POST"],
  authLevel: "admin",
  extraInputs: [df.input.durableClient()],
  handler: makeResumeDemandHandler(getInvocationServices),
});
