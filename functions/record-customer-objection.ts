import { app } from "@azure/functions";
import * as df from "durable-functions";
import { getInvocationServices } from "../shared/composition/services";
import { makeCustomerObjectionHandler } from "./handlers/customer-objection-handler";

app.http("recordCustomerObjection", {
  route: "manage/demands/{id}/objection",
  methods: ["POST"],
  authLevel: "admin",
  extraInputs: [df.input.durableClient()],
  handler: makeCustomerObjectionHandler(getInvocationServices),
});
