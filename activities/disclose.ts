import * as df from "durable-functions";
import { contracted } from "./contracted";
import { getServices } from "../shared/composition/services";
import { makeDiscloseHandler } from "./handlers/disclose";

/** The disclose activity, as the lifecycle calls it. */
export const disclose = df.app.activity("disclose", { handler: contracted("disclose", makeDiscloseHandler(getServices)) });
