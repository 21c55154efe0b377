import * as df from "durable-functions";
import { traced } from "./traced";
import { getServices } from "../shared/composition/services";
import { makeCloseDemandHandler } from "./handlers/close-demand";

/** The closeDemand activity, as the lifecycle calls it. */
export const closeDemand = df.app.activity("closeDemand", { handler: traced("closeDemand", makeCloseDemandHandler(getServices)) });
