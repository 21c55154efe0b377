import { app } from "@azure/functions";
import { getServices } from "../shared/composition/services";
import { makeTransparencyRebuildHandler } from "./handlers/transparency-rebuild-handler";
import { z } from "zod";
import { jsonResponse } from "../shared/http/api-schemas";
import { documentRoute } from "../shared/http/openapi-registry";

app.http("rebuildTransparency", { route: "manage/transparency/rebuild", methods: ["POST"], authLevel: "admin", handler: makeTransparencyRebuildHandler(getServices) });

documentRoute({
  name: "rebuildTransparency",
  method: "post",
  route: "manage/transparency/rebuild",
  auth: "admin",
  operation: {
    summary: "Recompute every transparency counter from the closed demands",
    responses: { "200": jsonResponse("Counters rebuilt", z.object({ demands: z.number().int(), cells: z.number().int() })) },
  },
});
