import * as df from "durable-functions";
import { traced } from "./traced";
import { getServices } from "../shared/composition/services";
import { makeNotifyRequesterHandler } from "./handlers/notify-requester";

/** The notifyRequester activity, as the lifecycle calls it. */
export const notifyRequester = df.app.activity("notifyRequester", {
  handler: traced("notifyRequester", makeNotifyRequesterHandler(async () => {
    const services = await getServices();
    return { ...services, publicBaseUrl: services.config.PUBLIC_BASE_URL };
  })),
});
