import * as df from "durable-functions";
import { traced } from "./traced";
import { getServices } from "../shared/composition/services";
import { makeSendCustomerNoticeHandler } from "./handlers/send-customer-notice";

/** The sendCustomerNotice activity, as the lifecycle calls it. */
export const sendCustomerNotice = df.app.activity("sendCustomerNotice", {
  handler: traced("sendCustomerNotice", makeSendCustomerNoticeHandler(async () => {
    const services = await getServices();
    return {
      ...services,
      contact: { email: services.config.NOTICE_CONTACT_EMAIL, url: services.config.NOTICE_CONTACT_URL },
      objectionWindow: services.config.LIFECYCLE_OBJECTION_WINDOW,
    };
  })),
});
