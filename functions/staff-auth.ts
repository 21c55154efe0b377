import { app } from "@azure/functions";
import { getServices } from "../shared/composition/services";
import { makeStaffCallbackHandler, makeStaffLoginHandler, makeStaffLogoutHandler, makeStaffSessionHandler } from "./handlers/staff-auth-handlers";

// Staff sign-in with OpenID Connect (Entra ID in Azure, the local provider under npm start).
app.http("staffLogin", { route: "staff/login", methods: ["GET"], authLevel: "anonymous", handler: makeStaffLoginHandler(getServices) });
app.http("staffCallback", { route: "staff/callback", methods: ["GET"], authLevel: "anonymous", handler: makeStaffCallbackHandler(getServices) });
app.http("staffSession", { route: "staff/session", methods: ["GET"], authLevel: "anonymous", handler: makeStaffSessionHandler(getServices) });
app.http("staffLogout", { route: "staff/logout", methods: ["POST"], authLevel: "anonymous", handler: makeStaffLogoutHandler(getServices) });
