import { app } from "@azure/functions";
import * as df from "durable-functions";
import { getInvocationServices } from "../shared/composition/services";
import { makeCannotRedirectHandler } from "./handlers/cannot-redirect-handler";

app.http("cannotRedirect", {
  route: "demands/{id}/cannot-redirect",
  methods: ["POST"],
  authLevel: "anonymous",
  extraInputs: [df.input.durableClient()],
  handler: makeCannotRedirectHandler(getInvocationServices),
});
