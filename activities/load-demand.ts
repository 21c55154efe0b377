import * as df from "durable-functions";
import { traced } from "./traced";
import { getServices } from "../shared/composition/services";
import { makeLoadDemandHandler } from "./handlers/load-demand";

/** The loadDemand activity, as the lifecycle calls it. */
export const loadDemand = df.app.activity("loadDemand", { handler: traced("loadDemand", makeLoadDemandHandler(getServices)) });
