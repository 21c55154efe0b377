import { app } from "@azure/functions";
import { getServices } from "../shared/composition/services";
import { makeVetRequesterHandler } from "./handlers/manage-requester-handlers";

// "admin" is a reserved route prefix in Azure Functions, hence "manage"; the admin key guards it.
app.http("vetRequester", { route: "manage/requesters", methods: ["POST"], authLevel: "admin", handler: makeVetRequesterHandler(getServices) });
