import * as df from "durable-functions";
import { getServices } from "../shared/composition/services";
import { makeLoadDemandHandler } from "./handlers/load-demand";

/** The loadDemand activity, as the lifecycle calls it. */
export const loadDemand = df.app.activity("loadDemand", { handler: makeLoadDemandHandler(getServices) });
