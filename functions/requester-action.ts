import { app } from "@azure/functions";
import { getServices } from "../shared/composition/services";
import { makeRequesterActionHandler } from "./handlers/manage-requester-handlers";

app.http("requesterAction", {
  route: "manage/requesters/{id}/{action}",
  methods: ["POST"],
  authLevel: "admin",
  handler: makeRequesterActionHandler(getServices),
});
