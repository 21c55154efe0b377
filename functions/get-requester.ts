import { app } from "@azure/functions";
import { getServices } from "../shared/composition/services";
import { makeGetRequesterHandler } from "./handlers/manage-requester-handlers";

app.http("getRequester", { route: "manage/requesters/{id}", methods: ["GET"], authLevel: "admin", handler: makeGetRequesterHandler(getServices) });
