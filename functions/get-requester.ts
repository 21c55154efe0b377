import { app } from "@azure/functions";
import { getServices } from "../shared/composition/services";
import { makeGetRequesterHandler } from "./handlers/manage-requester-handlers";
import { z } from "zod";
import { jsonResponse, problemResponse, RequesterProfileSchema } from "../shared/http/api-schemas";
import { documentRoute } from "../shared/http/openapi-registry";

app.http("getRequester", { route: "manage/requesters/{id}", methods: ["GET"], authLevel: "admin", handler: makeGetRequesterHandler(getServices) });

documentRoute({
  name: "getRequester",
  method: "get",
  route: "manage/requesters/{id}",
  auth: "admin",
  operation: {
    summary: "A vetted requester's profile",
    requestParams: { path: z.object({ id: z.string() }) },
    responses: { "200": jsonResponse("The profile", RequesterProfileSchema), "404": problemResponse("No such requester") },
  },
});
