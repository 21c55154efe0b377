import * as df from "durable-functions";
import { contracted } from "./contracted";
import { getServices } from "../shared/composition/services";
import { makeLoadDemandHandler } from "./handlers/load-demand";

/** The loadDemand activity, as the lifecycle calls it. */
export const loadDemand = df.app.activity("loadDemand", { handler: contracted("loadDemand", makeLoadDemandHandler(getServices)) });
