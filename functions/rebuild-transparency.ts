import { app } from "@azure/functions";
import { getServices } from "../shared/composition/services";
import { makeTransparencyRebuildHandler } from "./handlers/transparency-rebuild-handler";

app.http("rebuildTransparency", { route: "manage/transparency/rebuild", methods: ["POST"], authLevel: "admin", handler: makeTransparencyRebuildHandler(getServices) });
