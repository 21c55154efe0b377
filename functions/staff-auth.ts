import { app } from "@azure/functions";
import { z } from "zod";
import { getServices } from "../shared/composition/services";
import { documentRoute } from "../shared/http/openapi-registry";
import { makeStaffCallbackHandler, makeStaffLoginHandler, makeStaffLogoutHandler, makeStaffSessionHandler } from "./handlers/staff-auth-handlers";

// Staff sign-in with OpenID Connect (Entra ID in Azure, the local provider under npm start).
app.http("staffLogin", { route: "staff/login", methods: ["GET"], authLevel: "anonymous", handler: makeStaffLoginHandler(getServices) });
app.http("staffCallback", { route: "staff/callback", methods: ["GET"], authLevel: "anonymous", handler: makeStaffCallbackHandler(getServices) });
app.http("staffSession", { route: "staff/session", methods: ["GET"], authLevel: "anonymous", handler: makeStaffSessionHandler(getServices) });
app.http("staffLogout", { route: "staff/logout", methods: ["POST"], authLevel: "anonymous", handler: makeStaffLogoutHandler(getServices) });

documentRoute({
  name: "staffLogin",
  method: "get",
  route: "staff/login",
  auth: "public",
  operation: {
    summary: "Starts staff sign-in with OpenID Connect (authorization code with PKCE)",
    requestParams: { query: z.object({ returnTo: z.string().optional().meta({ description: "A path under /api/ to return to" }) }) },
    responses: {
      "302": { description: "To the OpenID provider" },
      "503": { description: "The OpenID provider did not answer", content: { "text/html": { schema: z.string() } } },
    },
  },
});

documentRoute({
  name: "staffCallback",
  method: "get",
  route: "staff/callback",
  auth: "public",
  operation: {
    summary: "The OpenID provider's redirect back: checks state and nonce, sets the staff session cookie",
    requestParams: { query: z.object({ code: z.string().optional(), state: z.string().optional() }) },
    responses: {
      "303": { description: "Back to where sign-in started" },
      "400": { description: "A sign-in that expired or did not start here", content: { "text/html": { schema: z.string() } } },
      "401": { description: "The provider did not confirm who signed in", content: { "text/html": { schema: z.string() } } },
      "403": { description: "Not a member of staff", content: { "text/html": { schema: z.string() } } },
    },
  },
});

documentRoute({
  name: "staffSession",
  method: "get",
  route: "staff/session",
  auth: "staff",
  operation: {
    summary: "A page saying who is signed in, with a sign-out form carrying the CSRF token (or a sign-in link)",
    responses: { "200": { description: "The page", content: { "text/html": { schema: z.string() } } } },
  },
});

documentRoute({
  name: "staffLogout",
  method: "post",
  route: "staff/logout",
  auth: "staff",
  operation: {
    summary: "Ends the staff session",
    responses: {
      "200": { description: "Signed out of this app (no session, or the provider's sign-out is unavailable)", content: { "text/html": { schema: z.string() } } },
      "303": { description: "Signed out; to the provider's sign-out" },
      "403": { description: "Cross-site post or a missing CSRF token: not signed out", content: { "text/html": { schema: z.string() } } },
    },
  },
});
